// R-SCORE-6 level-review figures: monthly rank, average rank, quarterly grade, tenure.
#include <gtest/gtest.h>

#include "fact_log_builder.h"
#include "kpi/levels.h"

namespace kefu::kpi::test {
namespace {

TEST(R_SCORE_6, MonthlyRankSharesRanksOnTies) {
  const auto r = rank_agents({{"c", 800}, {"a", 900}, {"b", 900}, {"d", 700}});
  ASSERT_EQ(r.size(), 4u);
  EXPECT_EQ(r[0].agent_id, "a");
  EXPECT_EQ(r[0].rank, 1);
  EXPECT_EQ(r[1].agent_id, "b");
  EXPECT_EQ(r[1].rank, 1);
  EXPECT_EQ(r[2].rank, 3);
  EXPECT_EQ(r[3].rank, 4);
}

TEST(R_SCORE_6, AverageRankComparesExactly) {
  // a: (851 + 850) / 2 = 850.5; b: 850.5 too over different months; c: 850.
  const auto r =
      rank_by_average({{"c", {850}}, {"a", {851, 850}}, {"b", {850, 851, 850, 851}}, {"none", {}}});
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[0].agent_id, "a");
  EXPECT_EQ(r[1].agent_id, "b");
  EXPECT_EQ(r[1].rank, 1);
  EXPECT_EQ(r[2].agent_id, "c");
  EXPECT_EQ(r[2].rank, 3);
  EXPECT_EQ(r[0].score_tenths, 850);  // shown rounded down
}

TEST(R_SCORE_6, QuarterlyGradeBands) {
  EXPECT_EQ(quarterly_grade({900, 900, 900}).grade, Grade::kA);
  EXPECT_EQ(quarterly_grade({950, 900, 849}).grade, Grade::kB);  // 899.67
  EXPECT_EQ(quarterly_grade({1000, 800}).grade, Grade::kA);      // two months with scores
  EXPECT_EQ(quarterly_grade({800, 800, 799}).grade, Grade::kC);
  EXPECT_EQ(quarterly_grade({600}).grade, Grade::kC);
  EXPECT_EQ(quarterly_grade({599}).grade, Grade::kD);
  EXPECT_EQ(quarterly_grade({}).grade, std::nullopt);
  EXPECT_EQ(quarterly_grade({950, 900, 849}).average_tenths, 899);
  EXPECT_STREQ(to_string(Grade::kA), "A");
}

TEST(R_SCORE_6, TenureInWholeMonths) {
  EXPECT_EQ(tenure_months(date(2024, 1, 15), date(2024, 4, 14)), 2);
  EXPECT_EQ(tenure_months(date(2024, 1, 15), date(2024, 4, 15)), 3);
  EXPECT_EQ(tenure_months(date(2024, 1, 31), date(2024, 2, 29)), 1);  // leap-year month end
  EXPECT_EQ(tenure_months(date(2024, 1, 31), date(2024, 2, 28)), 0);
  EXPECT_EQ(tenure_months(date(2023, 6, 1), date(2024, 6, 1)), 12);
  EXPECT_EQ(tenure_months(date(2024, 6, 1), date(2024, 5, 1)), 0);
}

}  // namespace
}  // namespace kefu::kpi::test
