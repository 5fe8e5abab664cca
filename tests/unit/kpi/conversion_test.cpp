// R-KPI-6 inquiry conversion, credited sales and average order value.
#include <gtest/gtest.h>

#include "fact_log_builder.h"

namespace kefu::kpi::test {
namespace {

using namespace std::chrono_literals;

class R_KPI_6 : public ::testing::Test {
 protected:
  void SetUp() override {
    const TimePoint chat = local(2024, 3, 5, 10, 0, 0);
    b.chat("c1", "next_day", "alice", chat, 10s);
    b.chat("c2", "day_three", "alice", chat, 10s);
    b.chat("c3", "four_days", "alice", chat, 10s);
    b.chat("c4", "never", "alice", chat, 10s);
    b.chat("c5", "after_sale", "alice", chat, 10s, /*pre_sale=*/false);
    b.paid("o1", "next_day", 9'900, local(2024, 3, 6, 20, 0));        // D+1: credited
    b.paid("o1", "next_day", 9'900, local(2024, 3, 6, 20, 0));        // duplicate event: ignored
    b.paid("o2", "day_three", 5'000, local(2024, 3, 8, 23, 59, 59));  // D+3: final only
    b.paid("o3", "four_days", 7'000, local(2024, 3, 9, 0, 0, 0));     // D+4: not credited
    b.paid("o4", "after_sale", 3'000, local(2024, 3, 5, 12, 0));      // not an inquiry
  }
  FactLogBuilder b;
};

TEST_F(R_KPI_6, NextDayPaymentIsCreditedAndOneAfterFourDaysIsNot) {
  const Timeline t = build(b, local(2024, 3, 10, 0, 0));
  const Figures f = day_figures(t, "alice", date(2024, 3, 5));
  EXPECT_EQ(f.conversion_final, (Ratio{2, 4}));     // next_day, day_three of 4 pre-sale buyers
  EXPECT_EQ(f.conversion_next_day, (Ratio{1, 4}));  // next_day only
  EXPECT_EQ(f.credited_sales_fen, 14'900);
  EXPECT_EQ(f.credited_sales_next_day_fen, 9'900);
  EXPECT_EQ(f.average_order_value_fen(), 7'450);
  EXPECT_TRUE(f.conversion_settled);
  ASSERT_EQ(t.uncredited_orders.size(), 2u);
  EXPECT_EQ(t.uncredited_orders[0].order_id, "o3");
  EXPECT_EQ(t.uncredited_orders[1].order_id, "o4");
  ASSERT_EQ(f.drilldown.inquiries.size(), 4u);
}

TEST_F(R_KPI_6, FigureIsProvisionalUntilTheFinalDayHasPassed) {
  const Timeline t = build(b, local(2024, 3, 8, 12, 0));  // day D+3: not final yet
  EXPECT_FALSE(day_figures(t, "alice", date(2024, 3, 5)).conversion_settled);
}

TEST_F(R_KPI_6, AttributionWindowIsConfigurable) {
  KpiSettings s;
  s.conversion_final_days = 4;
  const Timeline t = build(b, local(2024, 3, 10, 0, 0), s);
  const Figures f = day_figures(t, "alice", date(2024, 3, 5), s);
  EXPECT_EQ(f.conversion_final, (Ratio{3, 4}));
  EXPECT_EQ(f.credited_sales_fen, 21'900);
}

TEST(R_KPI_6Attribution, OrderGoesToTheLatestInquiryAndNeverBeforeIt) {
  FactLogBuilder b;
  b.chat("c1", "b1", "alice", local(2024, 3, 5, 10, 0), 10s);
  b.chat("c2", "b1", "bob", local(2024, 3, 6, 10, 0), 10s);
  b.paid("o1", "b1", 10'000, local(2024, 3, 6, 9, 0));   // before bob's chat: alice's
  b.paid("o2", "b1", 20'000, local(2024, 3, 6, 11, 0));  // after bob's chat: bob's
  b.chat("c3", "b2", "alice", local(2024, 3, 5, 15, 0), 10s);
  b.paid("o3", "b2", 500, local(2024, 3, 5, 14, 0));  // paid before asking: nobody's
  const Timeline t = build(b, local(2024, 3, 20, 0, 0));
  const DateRange both{date(2024, 3, 5), date(2024, 3, 6)};
  const KpiSettings s;
  const Figures alice = summarize(t, s, Scope::agent("alice"), both);
  const Figures bob = summarize(t, s, Scope::agent("bob"), both);
  EXPECT_EQ(alice.credited_sales_fen, 10'000);
  EXPECT_EQ(alice.conversion_final, (Ratio{1, 2}));
  EXPECT_EQ(bob.credited_sales_fen, 20'000);
  EXPECT_EQ(bob.conversion_final, (Ratio{1, 1}));
  ASSERT_EQ(t.uncredited_orders.size(), 1u);
  EXPECT_EQ(t.uncredited_orders[0].order_id, "o3");
}

TEST(R_KPI_6Attribution, UnansweredOrOutOfWindowChatsAreNotInquiries) {
  FactLogBuilder b;
  const TimePoint t0 = local(2024, 3, 5, 10, 0);
  b.assign("c1", "b1", "alice", t0, t0).buyer("c1", "b1", t0).end("c1", EndedBy::kBuyer, t0 + 5s);
  b.chat("c2", "b2", "alice", local(2024, 3, 5, 7, 0), 10s);  // 07:00, outside 08:00–24:00
  b.paid("o1", "b1", 100, t0 + 1h).paid("o2", "b2", 100, t0 + 1h);
  const Figures f = day_figures(build(b, local(2024, 3, 20, 0, 0)), "alice", date(2024, 3, 5));
  EXPECT_EQ(f.conversion_final, (Ratio{0, 0}));
  EXPECT_EQ(f.conversion_final.value(), std::nullopt);
  EXPECT_EQ(f.average_order_value_fen(), std::nullopt);
  EXPECT_EQ(f.credited_sales_fen, 0);
}

}  // namespace
}  // namespace kefu::kpi::test
