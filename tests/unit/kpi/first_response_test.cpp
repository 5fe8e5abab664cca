// R-KPI-2 first response time, both views; R-MSG-2 auto-replies never count.
#include <gtest/gtest.h>

#include "fact_log_builder.h"

namespace kefu::kpi::test {
namespace {

using namespace std::chrono_literals;

TEST(R_KPI_2, AutoReplyBeforeTheHumanReplyDoesNotStopTheClock) {
  FactLogBuilder b;
  const TimePoint t0 = local(2024, 3, 5, 10, 0, 0);
  b.assign("c1", "b1", "alice", t0, t0).buyer("c1", "b1", t0);
  b.automatic("c1", t0 + 1s);  // the shop's greeting: R-MSG-2, not a response
  const std::string auto_id = b.last_message_id();
  b.automatic("c1", t0 + 2s, AutomaticKind::kSystem);
  b.agent("c1", "alice", t0 + 45s);
  const Timeline t = build(b, local(2024, 3, 6, 0, 0));
  const Figures f = day_figures(t, "alice", date(2024, 3, 5));

  EXPECT_EQ(f.first_response_agent.count, 1);
  EXPECT_EQ(f.first_response_agent.average_ms(), 45'000);
  EXPECT_EQ(f.first_response_shop.average_ms(), 45'000);
  EXPECT_EQ(f.response.average_ms(), 45'000);
  EXPECT_EQ(f.answered_within_fast, (Ratio{0, 1}));  // 45 s > 30 s
  EXPECT_EQ(f.answered_within_slow, (Ratio{1, 1}));
  ASSERT_EQ(f.drilldown.rounds.size(), 1u);
  EXPECT_EQ(f.drilldown.rounds[0].ignored_automatic_message_ids.size(), 2u);
  EXPECT_EQ(f.drilldown.rounds[0].ignored_automatic_message_ids[0], auto_id);
  EXPECT_EQ(f.drilldown.rounds[0].ended_at, t0 + 45s);
}

TEST(R_KPI_2, QueueWaitIsExcludedFromTheAgentViewAndIncludedInTheShopView) {
  FactLogBuilder b;
  const TimePoint wrote = local(2024, 3, 5, 10, 0, 0);
  const TimePoint assigned = wrote + 5min;  // five minutes in the pre-sale queue
  b.buyer("c1", "b1", wrote).buyer("c1", "b1", wrote + 1min);
  b.assign("c1", "b1", "alice", assigned, wrote);
  b.agent("c1", "alice", assigned + 20s);
  const Timeline t = build(b, local(2024, 3, 6, 0, 0));
  const Figures f = day_figures(t, "alice", date(2024, 3, 5));

  EXPECT_EQ(f.first_response_agent.average_ms(), 20'000);
  EXPECT_EQ(f.first_response_shop.average_ms(), 320'000);
  ASSERT_EQ(f.drilldown.shop_first_responses.size(), 1u);
  EXPECT_EQ(f.drilldown.shop_first_responses[0].queue_wait_ms, 300'000);
  EXPECT_EQ(f.drilldown.shop_first_responses[0].replied_by, "alice");
  // The round the buyer opened in the queue is the agent's from the assignment on.
  ASSERT_EQ(f.drilldown.rounds.size(), 1u);
  const RoundRecord& r = f.drilldown.rounds[0];
  EXPECT_EQ(r.buyer_started_at, wrote);
  EXPECT_EQ(r.started_at, assigned);
  EXPECT_EQ(r.wait_ms, 20'000);
  EXPECT_EQ(r.buyer_messages, 2);
  EXPECT_TRUE(r.first_of_reception);
}

TEST(R_KPI_2, ConversationEndedWithoutAnyHumanReplyIsUnansweredNotAveraged) {
  FactLogBuilder b;
  const TimePoint t0 = local(2024, 3, 5, 11, 0, 0);
  b.assign("c1", "b1", "alice", t0, t0).buyer("c1", "b1", t0).automatic("c1", t0 + 1s);
  b.end("c1", EndedBy::kAgent, t0 + 2min, "alice");
  const Figures f = day_figures(build(b, local(2024, 3, 6, 0, 0)), "alice", date(2024, 3, 5));

  EXPECT_EQ(f.first_response_agent.count, 0);
  EXPECT_EQ(f.first_response_agent.average_ms(), std::nullopt);
  EXPECT_EQ(f.first_response_agent_unanswered, 1);
  EXPECT_EQ(f.first_response_shop_unanswered, 1);
  EXPECT_EQ(f.rounds_unanswered, 1);
  EXPECT_EQ(f.ended_by_agent, 1);
  EXPECT_EQ(f.answered_within_slow, (Ratio{0, 1}));  // an unanswered round counts as late
}

TEST(R_KPI_2, OpenRoundIsPendingUntilAnswered) {
  FactLogBuilder b;
  const TimePoint t0 = local(2024, 3, 5, 11, 0, 0);
  b.assign("c1", "b1", "alice", t0, t0).buyer("c1", "b1", t0);
  const Figures f = day_figures(build(b, t0 + 10s), "alice", date(2024, 3, 5));
  EXPECT_EQ(f.rounds_pending, 1);
  EXPECT_EQ(f.first_response_agent.count, 0);
  EXPECT_EQ(f.answered_within_fast, (Ratio{0, 0}));
  EXPECT_FALSE(f.answered_within_fast.defined());
  EXPECT_EQ(f.drilldown.rounds[0].wait_ms, 10'000);
}

}  // namespace
}  // namespace kefu::kpi::test
