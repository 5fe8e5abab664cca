// R-SCORE-1 commission bands and R-SCORE-2 blackout periods (Double 11).
#include <gtest/gtest.h>

#include "fact_log_builder.h"
#include "kpi/commission.h"

namespace kefu::kpi::test {
namespace {

using namespace std::chrono_literals;

TEST(R_SCORE_1, BandsAreInclusiveAtTheirLowerBound) {
  const auto bands = default_commission_bands();
  EXPECT_EQ(commission_rate_bp(1000, bands), 35);
  EXPECT_EQ(commission_rate_bp(900, bands), 35);
  EXPECT_EQ(commission_rate_bp(899, bands), 30);
  EXPECT_EQ(commission_rate_bp(850, bands), 30);  // exactly 85 → 0.30%
  EXPECT_EQ(commission_rate_bp(849, bands), 25);  // 84.9 → 0.25%
  EXPECT_EQ(commission_rate_bp(800, bands), 25);
  EXPECT_EQ(commission_rate_bp(750, bands), 20);
  EXPECT_EQ(commission_rate_bp(700, bands), 15);
  EXPECT_EQ(commission_rate_bp(699, bands), 0);
  EXPECT_EQ(commission_rate_bp(0, bands), 0);
}

TEST(R_SCORE_2, DoubleElevenRunsFromTheFirstToTheEleventhOfNovemberLocal) {
  const auto periods = default_blackout_periods();
  EXPECT_EQ(blackout_on(date(2024, 10, 31), periods), nullptr);
  ASSERT_NE(blackout_on(date(2024, 11, 1), periods), nullptr);
  EXPECT_EQ(blackout_on(date(2024, 11, 1), periods)->name, "Double 11");
  EXPECT_NE(blackout_on(date(2025, 11, 11), periods), nullptr);
  EXPECT_EQ(blackout_on(date(2024, 11, 12), periods), nullptr);
  const std::vector<BlackoutPeriod> once{{"618", 6, 1, 6, 18, 2024}};
  EXPECT_NE(blackout_on(date(2024, 6, 18), once), nullptr);
  EXPECT_EQ(blackout_on(date(2025, 6, 18), once), nullptr);
}

TEST(R_SCORE_2, OrderPaidOnElevenNovemberEarnsNoCommission) {
  FactLogBuilder b;
  b.chat("c1", "b1", "alice", local(2024, 11, 10, 10, 0), 10s);
  b.paid("o1", "b1", 100'000, local(2024, 11, 11, 23, 59, 59));  // 15:59:59 UTC, still the 11th
  b.chat("c2", "b2", "alice", local(2024, 11, 11, 20, 0), 10s);
  b.paid("o2", "b2", 200'000, local(2024, 11, 12, 0, 0, 0));  // first moment after Double 11
  const Timeline t = build(b, local(2024, 12, 1, 0, 0));
  const Figures f = summarize(t, KpiSettings{}, Scope::agent("alice"),
                              month_range(std::chrono::year{2024}, std::chrono::November));
  EXPECT_EQ(f.credited_sales_fen, 300'000);  // both are credited sales (R-KPI-6) …
  const Commission c = compute_commission(850, f.drilldown.inquiries, default_commission_bands(),
                                          default_blackout_periods());
  EXPECT_EQ(c.excluded_fen, 100'000);  // … but o1 is outside commission (R-SCORE-2)
  EXPECT_EQ(c.base_fen, 200'000);
  EXPECT_EQ(c.rate_bp, 30);
  EXPECT_EQ(c.commission_fen, 600);
  ASSERT_EQ(c.lines.size(), 2u);
  EXPECT_EQ(c.lines[0].order_id, "o1");
  EXPECT_EQ(c.lines[0].blackout, "Double 11");
  EXPECT_EQ(c.lines[1].blackout, "");
}

TEST(R_SCORE_1, CommissionIsRoundedHalfUpToTheFen) {
  InquiryRecord inq;
  inq.orders.push_back({"o1", "b1", 1'234'567, TimePoint{}, date(2024, 3, 1), true});
  // 1 234 567 fen x 0.15% = 1851.8505 fen → 1852
  EXPECT_EQ(compute_commission(700, {inq}, default_commission_bands(), {}).commission_fen, 1'852);
  // x 0.30% = 3703.701 → 3704; x 0.25% = 3086.4175 → 3086
  EXPECT_EQ(compute_commission(850, {inq}, default_commission_bands(), {}).commission_fen, 3'704);
  EXPECT_EQ(compute_commission(849, {inq}, default_commission_bands(), {}).commission_fen, 3'086);
}

}  // namespace
}  // namespace kefu::kpi::test
