// Figures per agent, group and shop, by day / month / quarter / year (R-SUP-3), and a month in
// which an agent had no conversations.
#include <gtest/gtest.h>

#include "fact_log_builder.h"

namespace kefu::kpi::test {
namespace {

using namespace std::chrono_literals;

Timeline two_days() {
  FactLogBuilder b;
  b.chat("c1", "b1", "alice", local(2024, 3, 5, 10, 0), 10s);
  b.chat("c2", "b2", "bob", local(2024, 3, 5, 11, 0), 20s);
  b.chat("c3", "b1", "bob", local(2024, 3, 5, 12, 0), 30s);  // b1 again, with bob
  b.chat("c4", "b3", "alice", local(2024, 3, 6, 10, 0), 40s);
  b.chat("c5", "b4", "dora", local(2024, 4, 2, 10, 0), 50s);  // another group, next month
  return build(b, local(2024, 4, 30, 0, 0));
}

TEST(R_SUP_3, DailyFiguresAddUpToTheMonth) {
  const Timeline t = two_days();
  const KpiSettings s;
  const Scope alice = Scope::agent("alice");
  const auto days = summarize_by(
      t, s, alice, month_range(std::chrono::year{2024}, std::chrono::March), Granularity::kDay);
  ASSERT_EQ(days.size(), 31u);
  EXPECT_EQ(days[4].receptions, 1);
  EXPECT_EQ(days[5].receptions, 1);
  EXPECT_EQ(days[0].receptions, 0);
  const Figures march =
      summarize(t, s, alice, month_range(std::chrono::year{2024}, std::chrono::March));
  EXPECT_EQ(march.receptions, 2);
  EXPECT_EQ(march.response.average_ms(), 25'000);
  EXPECT_EQ(march.reply_rate, (Ratio{2, 2}));
  EXPECT_EQ(march.drilldown.rounds.size(), 2u);
}

TEST(R_SUP_3, GroupAndShopCountEachBuyerOncePerDay) {
  const Timeline t = two_days();
  const KpiSettings s;
  const DateRange d5 = day_range(date(2024, 3, 5));
  const Figures group = summarize(t, s, Scope::agents("presale", {"alice", "bob"}), d5);
  EXPECT_EQ(group.receptions, 3);
  EXPECT_EQ(group.rounds_answered, 3);
  EXPECT_EQ(group.response.average_ms(), 20'000);
  EXPECT_EQ(group.reply_rate, (Ratio{2, 2}));  // b1 and b2, b1 once
  EXPECT_EQ(group.conversion_final.den, 3);    // inquiries are per agent: alice-b1, bob-b2, bob-b1
  const Figures bob = summarize(t, s, Scope::agent("bob"), d5);
  EXPECT_EQ(bob.reply_rate, (Ratio{2, 2}));
}

TEST(R_SUP_3, QuarterAndYearBuckets) {
  const Timeline t = two_days();
  const KpiSettings s;
  const auto quarters =
      summarize_by(t, s, Scope::shop(), year_range(std::chrono::year{2024}), Granularity::kQuarter);
  ASSERT_EQ(quarters.size(), 4u);
  EXPECT_EQ(quarters[0].receptions, 4);
  EXPECT_EQ(quarters[1].receptions, 1);
  EXPECT_EQ(quarters[2].receptions, 0);
  const auto years =
      summarize_by(t, s, Scope::shop(), year_range(std::chrono::year{2024}), Granularity::kYear);
  ASSERT_EQ(years.size(), 1u);
  EXPECT_EQ(years[0].receptions, 5);
  EXPECT_EQ(years[0].response.average_ms(), 30'000);
}

TEST(R_KPI_NoConversations, MonthWithNoConversationsHasZeroCountsAndUndefinedRates) {
  const Timeline t = two_days();
  const Figures f = summarize(t, KpiSettings{}, Scope::agent("erin"),
                              month_range(std::chrono::year{2024}, std::chrono::March));
  // Counts are zero.
  EXPECT_EQ(f.receptions, 0);
  EXPECT_EQ(f.transfers_in, 0);
  EXPECT_EQ(f.rounds_answered, 0);
  EXPECT_EQ(f.credited_sales_fen, 0);
  EXPECT_EQ(f.complaints, 0);
  // Averages and rates are undefined (no denominator), not zero and not a division by zero.
  EXPECT_EQ(f.first_response_agent.average_ms(), std::nullopt);
  EXPECT_EQ(f.first_response_shop.average_ms(), std::nullopt);
  EXPECT_EQ(f.response.average_ms(), std::nullopt);
  EXPECT_FALSE(f.answered_within_fast.defined());
  EXPECT_EQ(f.answered_within_slow.ppm(), std::nullopt);
  EXPECT_FALSE(f.reply_rate.defined());
  EXPECT_FALSE(f.conversion_final.defined());
  EXPECT_EQ(f.average_order_value_fen(), std::nullopt);
  EXPECT_FALSE(f.satisfaction.defined());
  EXPECT_TRUE(f.conversion_settled);
  EXPECT_TRUE(f.drilldown.rounds.empty());
}

}  // namespace
}  // namespace kefu::kpi::test
