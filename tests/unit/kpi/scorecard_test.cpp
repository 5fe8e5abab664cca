// R-SCORE-3 composite score, R-SCORE-4 flags, R-SCORE-5 after-sale scorecard.
#include <gtest/gtest.h>

#include "fact_log_builder.h"
#include "kpi/scorecard.h"

namespace kefu::kpi::test {
namespace {

using namespace std::chrono_literals;

SupervisorEntry entry(const std::string& part, std::int32_t tenths) {
  return {part, tenths, "supervisor1", local(2024, 4, 1, 9, 0), ""};
}

// A month of figures: 10 ratings of which 9 satisfied (90%), 5 inquiries of which 2 paid (40%),
// 1 000 000 fen credited sales, no complaints.
Figures month_figures() {
  Figures f;
  f.scope = Scope::agent("alice");
  f.range = month_range(std::chrono::year{2024}, std::chrono::March);
  f.receptions = 30;
  f.satisfaction = {9, 10};
  f.conversion_final = {2, 5};
  f.answered_within_slow = {45, 50};
  InquiryRecord inq;
  inq.orders.push_back({"o1", "b1", 1'000'000, TimePoint{}, date(2024, 3, 10), true});
  f.drilldown.inquiries.push_back(inq);
  f.credited_sales_fen = 1'000'000;
  return f;
}

TEST(R_SCORE_3, MeasuredAndEnteredPartsWithBonusAndDeduction) {
  const Figures f = month_figures();
  ScorecardInput in;
  in.agent_id = "alice";
  in.figures = &f;
  in.entries = {entry("team_task", 250), entry("handover", 150), entry("skill", 60)};
  in.adjustments = {{AdjustmentKind::kBonus, "covered a shift", 1, "supervisor1", {}},
                    {AdjustmentKind::kDeduction, "minor violation", 2, "supervisor1", {}}};
  const Scorecard c = compute_scorecard(default_presale_template(), in);
  ASSERT_EQ(c.parts.size(), 5u);
  EXPECT_EQ(c.parts[2].status, PartStatus::kMeasured);
  EXPECT_EQ(c.parts[2].measured_value, 900'000);
  EXPECT_EQ(c.parts[2].points_tenths, 270);  // 30 x 90%
  EXPECT_EQ(c.parts[4].points_tenths, 80);   // 10 x 40% / 50% (full points at 50%)
  EXPECT_EQ(c.parts[0].status, PartStatus::kEntered);
  EXPECT_EQ(c.parts[0].entry->entered_by, "supervisor1");
  EXPECT_EQ(c.parts_tenths, 250 + 150 + 270 + 60 + 80);
  // +5 covered a shift, −2 x 2 minor violations, +5 automatic zero valid complaints.
  EXPECT_EQ(c.adjustments.size(), 3u);
  EXPECT_EQ(c.adjustments_tenths, 50 - 40 + 50);
  EXPECT_EQ(c.total_tenths, 870);
  EXPECT_TRUE(c.complete);
  ASSERT_TRUE(c.commission.has_value());
  EXPECT_EQ(c.commission->rate_bp, 30);
  EXPECT_EQ(c.commission->commission_fen, 3'000);
}

TEST(R_SCORE_1, ScoreOfExactly85EarnsThirtyBasisPointsAnd84Point9Earns25) {
  const Figures f = month_figures();  // measured: 27.0 + 8.0 + automatic bonus 5.0 = 40.0
  ScorecardInput in;
  in.agent_id = "alice";
  in.figures = &f;
  in.entries = {entry("team_task", 250), entry("handover", 150), entry("skill", 50)};
  const Scorecard exactly85 = compute_scorecard(default_presale_template(), in);
  EXPECT_EQ(exactly85.total_tenths, 850);
  EXPECT_EQ(exactly85.commission->rate_bp, 30);
  EXPECT_EQ(exactly85.commission->commission_fen, 3'000);

  in.entries.back() = entry("skill", 49);
  const Scorecard just_below = compute_scorecard(default_presale_template(), in);
  EXPECT_EQ(just_below.total_tenths, 849);
  EXPECT_EQ(just_below.commission->rate_bp, 25);
  EXPECT_EQ(just_below.commission->commission_fen, 2'500);
}

TEST(R_SCORE_3, SupervisorCanOverrideAMeasuredPartAndEntriesAreCapped) {
  const Figures f = month_figures();
  ScorecardInput in;
  in.figures = &f;
  in.entries = {entry("satisfaction", 200), entry("team_task", 999), entry("team_task", 310)};
  const Scorecard c = compute_scorecard(default_presale_template(), in);
  EXPECT_EQ(c.parts[2].status, PartStatus::kOverridden);
  EXPECT_EQ(c.parts[2].points_tenths, 200);
  EXPECT_EQ(c.parts[2].measured_value, 900'000);  // still shown
  EXPECT_EQ(c.parts[0].points_tenths, 300);       // the latest entry, capped at the part's 30
  EXPECT_EQ(c.parts[1].status, PartStatus::kMissing);
  EXPECT_FALSE(c.complete);
}

TEST(R_SCORE_3, MonthWithNoConversationsHasNoDataPartsNotZeroDivisions) {
  Figures empty;
  empty.scope = Scope::agent("erin");
  ScorecardInput in;
  in.figures = &empty;
  in.entries = {entry("team_task", 300), entry("handover", 200), entry("skill", 100)};
  const Scorecard c = compute_scorecard(default_presale_template(), in);
  EXPECT_EQ(c.parts[2].status, PartStatus::kNoData);
  EXPECT_EQ(c.parts[2].measured_value, std::nullopt);
  EXPECT_EQ(c.parts[4].status, PartStatus::kNoData);
  EXPECT_FALSE(c.complete);
  EXPECT_EQ(c.total_tenths, 600);  // no zero-complaint bonus without receptions
  EXPECT_EQ(c.commission->commission_fen, 0);
}

TEST(R_SCORE_4, FlagsUnder60TwoFailingMonthsAndBelowTeamAverage) {
  Figures empty;
  ScorecardInput in;
  in.figures = &empty;
  in.entries = {entry("team_task", 300), entry("handover", 200), entry("skill", 99)};
  Scorecard failing = compute_scorecard(default_aftersale_template(), in);
  EXPECT_EQ(failing.total_tenths, 599);
  EXPECT_TRUE(failing.flags.under_60);
  EXPECT_FALSE(failing.flags.failed_two_months_in_a_row);

  in.previous_month_tenths = 590;
  EXPECT_TRUE(compute_scorecard(default_aftersale_template(), in).flags.failed_two_months_in_a_row);
  in.previous_month_tenths = 600;
  EXPECT_FALSE(
      compute_scorecard(default_aftersale_template(), in).flags.failed_two_months_in_a_row);

  in.entries.back() = entry("skill", 100);
  const Scorecard sixty = compute_scorecard(default_aftersale_template(), in);
  EXPECT_EQ(sixty.total_tenths, 600);
  EXPECT_FALSE(sixty.flags.under_60);

  std::vector<Scorecard> team{failing, sixty, sixty};
  team[2].total_tenths = 900;
  apply_team_flags(team);  // mean 699.67
  EXPECT_TRUE(team[0].flags.below_team_average);
  EXPECT_TRUE(team[1].flags.below_team_average);
  EXPECT_FALSE(team[2].flags.below_team_average);
}

TEST(R_SCORE_5, AfterSaleScorecardHasNoConversionAndNoCommission) {
  const ScoreTemplate after = default_aftersale_template();
  EXPECT_TRUE(validate(after).empty());
  EXPECT_TRUE(validate(default_presale_template()).empty());
  for (const ScorePart& p : after.parts) EXPECT_NE(p.metric, Metric::kConversionFinal);

  const Figures f = month_figures();
  ScorecardInput in;
  in.figures = &f;
  const Scorecard c = compute_scorecard(after, in);
  EXPECT_FALSE(c.commission.has_value());
  EXPECT_EQ(c.parts[4].points_tenths, 90);  // 10 x 45/50 within 3 min

  ScoreTemplate wrong = after;
  wrong.parts.back().metric = Metric::kConversionFinal;
  EXPECT_FALSE(validate(wrong).empty());
  ScoreTemplate heavy = default_presale_template();
  heavy.parts[0].max_tenths = 310;
  EXPECT_FALSE(validate(heavy).empty());
}

TEST(R_SCORE_3, LowerIsBetterMetricsScoreDownwards) {
  ScoreTemplate t;
  t.id = "speed";
  t.parts = {{"speed", "Average response", 1000, PartSource::kMeasured, Metric::kAverageResponseMs,
              60'000, 10'000}};
  t.commission = false;
  t.bonus_for_zero_valid_complaints = false;
  EXPECT_TRUE(validate(t).empty());
  Figures f;
  f.response = {2, 70'000};  // 35 s average: halfway between 60 s (0) and 10 s (full)
  ScorecardInput in;
  in.figures = &f;
  EXPECT_EQ(compute_scorecard(t, in).total_tenths, 500);
  f.response = {1, 5'000};
  EXPECT_EQ(compute_scorecard(t, in).total_tenths, 1000);
  f.response = {1, 90'000};
  EXPECT_EQ(compute_scorecard(t, in).total_tenths, 0);
}

}  // namespace
}  // namespace kefu::kpi::test
