// R-KPI-5 reception, transfers in and out, and who owns which rounds around a transfer.
#include <gtest/gtest.h>

#include "fact_log_builder.h"

namespace kefu::kpi::test {
namespace {

using namespace std::chrono_literals;

class R_KPI_5 : public ::testing::Test {
 protected:
  // Alice answers once, the buyer asks again, Alice transfers to Bob with that question open,
  // Bob answers it and one more.
  void SetUp() override {
    b.assign("c1", "b1", "alice", t0, t0).buyer("c1", "b1", t0);
    b.agent("c1", "alice", t0 + 10s);             // alice: 10 s
    b.buyer("c1", "b1", t0 + 1min);               // open at the transfer
    b.transfer("c1", "alice", "bob", t0 + 2min);  // alice: "transferred", 60 s
    b.automatic("c1", t0 + 2min + 1s);            // "you have been transferred"
    b.agent("c1", "bob", t0 + 2min + 30s);        // bob: 30 s from the transfer
    b.buyer("c1", "b1", t0 + 3min).agent("c1", "bob", t0 + 3min + 5s);  // bob: 5 s
    t = build(b, local(2024, 3, 6, 0, 0));
  }
  const TimePoint t0 = local(2024, 3, 5, 10, 0, 0);
  FactLogBuilder b;
  Timeline t;
};

TEST_F(R_KPI_5, RoundsBeforeTheTransferBelongToTheFirstAgent) {
  const Figures alice = day_figures(t, "alice", date(2024, 3, 5));
  EXPECT_EQ(alice.receptions, 1);
  EXPECT_EQ(alice.transfers_out, 1);
  EXPECT_EQ(alice.transfers_in, 0);
  EXPECT_EQ(alice.rounds_answered, 1);
  EXPECT_EQ(alice.rounds_transferred, 1);
  EXPECT_EQ(alice.response.average_ms(), 10'000);
  EXPECT_EQ(alice.first_response_agent.average_ms(), 10'000);
  EXPECT_EQ(alice.answered_within_fast, (Ratio{1, 1}));  // the transferred round is not counted
  EXPECT_EQ(alice.reply_rate, (Ratio{1, 1}));
  ASSERT_EQ(alice.drilldown.rounds.size(), 2u);
  EXPECT_EQ(alice.drilldown.rounds[1].outcome, RoundOutcome::kTransferred);
  EXPECT_EQ(alice.drilldown.rounds[1].wait_ms, 60'000);
}

TEST_F(R_KPI_5, RoundOpenAtTheTransferRestartsForTheSecondAgentAtTheTransfer) {
  const Figures bob = day_figures(t, "bob", date(2024, 3, 5));
  EXPECT_EQ(bob.receptions, 0);  // a transfer in is counted apart
  EXPECT_EQ(bob.transfers_in, 1);
  EXPECT_EQ(bob.transfers_out, 0);
  EXPECT_EQ(bob.rounds_answered, 2);
  EXPECT_EQ(bob.response.average_ms(), 17'500);
  EXPECT_EQ(bob.first_response_agent.average_ms(), 30'000);
  ASSERT_EQ(bob.drilldown.rounds.size(), 2u);
  const RoundRecord& carried = bob.drilldown.rounds[0];
  EXPECT_EQ(carried.buyer_started_at, t0 + 1min);
  EXPECT_EQ(carried.started_at, t0 + 2min);
  EXPECT_EQ(carried.ignored_automatic_message_ids.size(), 1u);
  ASSERT_EQ(bob.drilldown.receptions.size(), 1u);
  EXPECT_EQ(bob.drilldown.receptions[0].kind, ReceptionKind::kTransferredIn);
}

TEST_F(R_KPI_5, ShopCountsTheConversationOnceAndTheTransferBothWays) {
  const Figures shop = day_figures(t, "", date(2024, 3, 5));
  EXPECT_EQ(shop.receptions, 1);
  EXPECT_EQ(shop.transfers_in, 1);
  EXPECT_EQ(shop.transfers_out, 1);
  EXPECT_EQ(shop.rounds_answered, 3);
  EXPECT_EQ(shop.first_response_shop.average_ms(), 10'000);  // credited to alice's assignment
  EXPECT_EQ(shop.reply_rate, (Ratio{1, 1}));
}

TEST(R_KPI_5Reception, SupervisorReassignmentActsLikeATransferForRounds) {
  FactLogBuilder b;
  const TimePoint t0 = local(2024, 3, 5, 10, 0, 0);
  b.assign("c1", "b1", "alice", t0, t0).buyer("c1", "b1", t0);
  b.assign("c1", "b1", "carol", t0 + 1min, t0);  // reassigned with the question open
  b.agent("c1", "carol", t0 + 1min + 10s);
  const Timeline t = build(b, local(2024, 3, 6, 0, 0));
  const Figures alice = day_figures(t, "alice", date(2024, 3, 5));
  const Figures carol = day_figures(t, "carol", date(2024, 3, 5));
  EXPECT_EQ(alice.receptions, 1);
  EXPECT_EQ(alice.rounds_transferred, 1);
  EXPECT_EQ(alice.first_response_agent.count, 0);
  EXPECT_EQ(carol.receptions, 1);
  EXPECT_EQ(carol.first_response_agent.average_ms(), 10'000);
}

TEST(R_KPI_5Reception, AssignmentToTheAgentAlreadyHoldingItIsNotANewReception) {
  FactLogBuilder b;
  const TimePoint t0 = local(2024, 3, 5, 10, 0, 0);
  b.assign("c1", "b1", "alice", t0, t0).buyer("c1", "b1", t0);
  b.assign("c1", "b1", "alice", t0, t0);  // the same fact delivered twice
  b.agent("c1", "alice", t0 + 10s);
  const Figures f = day_figures(build(b, local(2024, 3, 6, 0, 0)), "alice", date(2024, 3, 5));
  EXPECT_EQ(f.receptions, 1);
  EXPECT_EQ(f.rounds_answered, 1);
  EXPECT_EQ(f.rounds_transferred, 0);
  EXPECT_EQ(f.first_response_agent.average_ms(), 10'000);
}

}  // namespace
}  // namespace kefu::kpi::test
