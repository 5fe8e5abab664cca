// R-KPI-4 reply rate per day.
#include <gtest/gtest.h>

#include "fact_log_builder.h"

namespace kefu::kpi::test {
namespace {

using namespace std::chrono_literals;

ReplyStatus status_of(const Figures& f, const std::string& buyer) {
  for (const BuyerDayRecord& b : f.drilldown.buyer_days) {
    if (b.buyer_id == buyer) return b.status;
  }
  ADD_FAILURE() << "no buyer-day for " << buyer;
  return ReplyStatus::kNotCounted;
}

TEST(R_KPI_4, BuyerIsNotRepliedWhenAnyMessageWaitedLongerThanAnHour) {
  FactLogBuilder b;
  const TimePoint t0 = local(2024, 3, 5, 10, 0, 0);
  b.chat("ca", "A", "alice", t0, 2min);  // replied
  // B: first answered quickly, then one message waits 61 minutes.
  b.chat("cb", "B", "alice", t0, 5s).buyer("cb", "B", t0 + 1min).agent("cb", "alice", t0 + 62min);
  // C: the agent ended the conversation without a human reply.
  b.assign("cc", "C", "alice", t0, t0).buyer("cc", "C", t0).end("cc", EndedBy::kAgent, t0 + 5min);
  // D: still waiting (12 minutes) at as_of: pending, not counted yet.
  b.assign("cd", "D", "alice", t0 + 50min, t0 + 50min).buyer("cd", "D", t0 + 50min);
  // E: waited exactly one hour: still replied (not longer than the limit).
  b.chat("ce", "E", "alice", t0, 1h);
  // F: left before anyone could answer: counts neither way.
  b.assign("cf", "F", "alice", t0, t0).buyer("cf", "F", t0).end("cf", EndedBy::kBuyer, t0 + 20s);
  const Figures f = day_figures(build(b, t0 + 62min), "alice", date(2024, 3, 5));

  EXPECT_EQ(status_of(f, "A"), ReplyStatus::kReplied);
  EXPECT_EQ(status_of(f, "B"), ReplyStatus::kNotReplied);
  EXPECT_EQ(status_of(f, "C"), ReplyStatus::kNotReplied);
  EXPECT_EQ(status_of(f, "D"), ReplyStatus::kPending);
  EXPECT_EQ(status_of(f, "E"), ReplyStatus::kReplied);
  EXPECT_EQ(status_of(f, "F"), ReplyStatus::kNotCounted);
  EXPECT_EQ(f.reply_rate, (Ratio{2, 4}));
  EXPECT_EQ(f.reply_rate.ppm(), 500'000);
  EXPECT_EQ(f.buyer_days_pending, 1);
}

TEST(R_KPI_4, PendingRoundPastTheLimitAlreadyCountsAsNotReplied) {
  FactLogBuilder b;
  const TimePoint t0 = local(2024, 3, 5, 10, 0, 0);
  b.assign("c1", "A", "alice", t0, t0).buyer("c1", "A", t0);
  const Figures f = day_figures(build(b, t0 + 61min), "alice", date(2024, 3, 5));
  EXPECT_EQ(f.reply_rate, (Ratio{0, 1}));
}

TEST(R_KPI_4, LimitIsConfigurableAndBuyersCountOncePerDay) {
  KpiSettings s;
  s.reply_rate_max_wait = 10min;
  FactLogBuilder b;
  const TimePoint t0 = local(2024, 3, 5, 10, 0, 0);
  b.chat("c1", "A", "alice", t0, 11min);
  b.chat("c2", "A", "alice", t0 + 2h, 1min);  // the same buyer again: one buyer-day
  b.chat("c3", "A", "alice", local(2024, 3, 6, 10, 0), 1min);  // next day: another buyer-day
  const Timeline t = build(b, local(2024, 3, 7, 0, 0), s);
  const Figures d5 = day_figures(t, "alice", date(2024, 3, 5), s);
  EXPECT_EQ(d5.reply_rate, (Ratio{0, 1}));
  const Figures both = summarize(t, s, Scope::agent("alice"), {date(2024, 3, 5), date(2024, 3, 6)});
  EXPECT_EQ(both.reply_rate, (Ratio{1, 2}));
}

TEST(R_KPI_4, BuyerWhoGaveUpInTheQueueCountsOnlyInTheShopView) {
  FactLogBuilder b;
  const TimePoint t0 = local(2024, 3, 5, 10, 0, 0);
  b.buyer("cq", "Q", t0).end("cq", EndedBy::kBuyer, t0 + 2h);  // nobody was free for 2 hours
  b.chat("c1", "A", "alice", t0, 5s);
  const Timeline t = build(b, local(2024, 3, 6, 0, 0));
  EXPECT_EQ(day_figures(t, "alice", date(2024, 3, 5)).reply_rate, (Ratio{1, 1}));
  const Figures shop = day_figures(t, "", date(2024, 3, 5));
  EXPECT_EQ(shop.reply_rate, (Ratio{1, 2}));
  EXPECT_EQ(shop.rounds_left_by_buyer, 1);
}

}  // namespace
}  // namespace kefu::kpi::test
