#include "shifts/local_time.h"

#include <gtest/gtest.h>

namespace kefu::shifts {
namespace {

using namespace std::chrono;

TEST(LocalTime, ParsesAndFormatsDates) {
  auto d = parse_date("2024-02-29");
  ASSERT_TRUE(d);
  EXPECT_EQ(to_string(*d), "2024-02-29");
  EXPECT_FALSE(parse_date("2023-02-29"));
  EXPECT_FALSE(parse_date("2024-2-29"));
  EXPECT_FALSE(parse_date("2024-02-x9"));
}

TEST(LocalTime, ParsesTimesOfDayIncludingEndOfDay) {
  EXPECT_EQ(parse_time_of_day("06:00"), minutes{360});
  EXPECT_EQ(parse_time_of_day("8:30"), minutes{510});
  EXPECT_EQ(parse_time_of_day("24:00"), minutes{1440});
  EXPECT_FALSE(parse_time_of_day("24:01"));
  EXPECT_FALSE(parse_time_of_day("12:60"));
  EXPECT_FALSE(parse_time_of_day("1200"));
  EXPECT_EQ(format_time_of_day(minutes{1440}), "24:00");
  EXPECT_EQ(format_time_of_day(minutes{510}), "08:30");
}

TEST(LocalTime, AddsDaysAcrossMonthAndYearEnds) {
  EXPECT_EQ(to_string(add_days(*parse_date("2024-12-31"), 1)), "2025-01-01");
  EXPECT_EQ(to_string(add_days(*parse_date("2024-03-01"), -1)), "2024-02-29");
  auto t = at(*parse_date("2024-05-01"), minutes{1440});
  EXPECT_EQ(to_string(date_of(t)), "2024-05-02");
  EXPECT_EQ(time_of_day(t), seconds{0});
}

}  // namespace
}  // namespace kefu::shifts
