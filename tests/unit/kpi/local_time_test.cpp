// The shop's local calendar (R-SHIFT-1 time zone, R-KPI-1 window, R-SUP-3 periods).
#include <gtest/gtest.h>

#include "fact_log_builder.h"

namespace kefu::kpi::test {
namespace {

using namespace std::chrono_literals;

TEST(R_KPI_1LocalTime, ShanghaiDayStartsAtSixteenHundredUtc) {
  const ShopTime tz = shanghai();
  const TimePoint utc_1559 =
      TimePoint{std::chrono::sys_days{std::chrono::year{2024} / 3 / 5}} + 15h + 59min;
  EXPECT_EQ(tz.local_date(utc_1559), date(2024, 3, 5));
  EXPECT_EQ(tz.local_date(utc_1559 + 1min), date(2024, 3, 6));
  EXPECT_EQ(tz.time_of_day(utc_1559 + 1min), 0ms);
  EXPECT_TRUE(tz.in_window(local(2024, 3, 5, 8, 0), AssessmentWindow{}));
  EXPECT_FALSE(tz.in_window(local(2024, 3, 5, 7, 59, 59), AssessmentWindow{}));
  EXPECT_TRUE(tz.in_window(local(2024, 3, 5, 23, 59, 59), AssessmentWindow{}));
  EXPECT_FALSE(tz.in_window(local(2024, 3, 6, 0, 0), AssessmentWindow{}));
}

TEST(R_KPI_1LocalTime, WindowValidation) {
  EXPECT_TRUE(is_valid(AssessmentWindow{}));
  EXPECT_TRUE(is_valid(AssessmentWindow{9h, 23h}));
  EXPECT_FALSE(is_valid(AssessmentWindow{23h, 9h}));
  EXPECT_FALSE(is_valid(AssessmentWindow{0h, 25h}));
}

TEST(R_SUP_3Periods, SplitIntoMonthsAndQuarters) {
  const DateRange r{date(2024, 1, 20), date(2024, 4, 10)};
  const auto months = split(r, Granularity::kMonth);
  ASSERT_EQ(months.size(), 4u);
  EXPECT_EQ(months[0], (DateRange{date(2024, 1, 20), date(2024, 1, 31)}));
  EXPECT_EQ(months[1], (DateRange{date(2024, 2, 1), date(2024, 2, 29)}));
  EXPECT_EQ(months[3], (DateRange{date(2024, 4, 1), date(2024, 4, 10)}));
  const auto quarters = split(r, Granularity::kQuarter);
  ASSERT_EQ(quarters.size(), 2u);
  EXPECT_EQ(quarters[0].last, date(2024, 3, 31));
  EXPECT_EQ(quarter_range(std::chrono::year{2024}, 4),
            (DateRange{date(2024, 10, 1), date(2024, 12, 31)}));
  EXPECT_EQ(to_string(date(2024, 11, 1)), "2024-11-01");
}

}  // namespace
}  // namespace kefu::kpi::test
