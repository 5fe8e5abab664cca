// R-SHIFT-1: the shop's time zone, read from the system tz database.
#include "shifts/time_zone.h"

#include <gtest/gtest.h>

#include "shanghai.h"

namespace kefu::shifts {
namespace {

using namespace std::chrono;
using testing::date;
using testing::local;

TimePoint utc(int y, unsigned m, unsigned d, int hh, int mm) {
  return TimePoint{sys_days{testing::date(y, m, d)} + hours{hh} + minutes{mm}};
}

TEST(TimeZone, ShanghaiIsEightHoursEastAllYear) {
  auto zone = TimeZone::load("Asia/Shanghai");
  ASSERT_TRUE(zone);
  EXPECT_EQ(zone->name(), "Asia/Shanghai");
  EXPECT_EQ(zone->utc_offset(utc(2024, 1, 15, 0, 0)), hours{8});
  EXPECT_EQ(zone->utc_offset(utc(2024, 7, 15, 0, 0)), hours{8});
  EXPECT_EQ(zone->utc_offset(utc(2150, 7, 15, 0, 0)), hours{8});  // past the file: footer rule
  // 2024-05-01 16:00 UTC is 2024-05-02 00:00 in Shanghai.
  EXPECT_EQ(to_string(zone->local_date(utc(2024, 5, 1, 16, 0))), "2024-05-02");
  EXPECT_EQ(to_string(zone->local_date(utc(2024, 5, 1, 15, 59))), "2024-05-01");
  EXPECT_EQ(local(*zone, 2024, 5, 2, 0, 0), utc(2024, 5, 1, 16, 0));
}

TEST(TimeZone, NewYorkFollowsDaylightSavingIncludingFarFuture) {
  auto zone = TimeZone::load("America/New_York");
  ASSERT_TRUE(zone);
  EXPECT_EQ(zone->utc_offset(utc(2024, 1, 15, 12, 0)), hours{-5});
  EXPECT_EQ(zone->utc_offset(utc(2024, 7, 15, 12, 0)), hours{-4});
  // 2024-03-10 07:00 UTC = 03:00 EDT, the first daylight instant.
  EXPECT_EQ(zone->utc_offset(utc(2024, 3, 10, 6, 59)), hours{-5});
  EXPECT_EQ(zone->utc_offset(utc(2024, 3, 10, 7, 0)), hours{-4});
  // Far beyond the transitions listed in the file, the POSIX footer decides.
  EXPECT_EQ(zone->utc_offset(utc(2200, 7, 1, 12, 0)), hours{-4});
  EXPECT_EQ(zone->utc_offset(utc(2200, 12, 1, 12, 0)), hours{-5});
}

TEST(TimeZone, WallTimesInGapsAndOverlapsResolveSensibly) {
  auto zone = TimeZone::load("America/New_York");
  ASSERT_TRUE(zone);
  // 02:30 on 2024-03-10 does not exist: it resolves to the instant after the gap (03:30 EDT).
  EXPECT_EQ(local(*zone, 2024, 3, 10, 2, 30), utc(2024, 3, 10, 7, 30));
  // 01:30 on 2024-11-03 happens twice: the first occurrence (EDT) is taken.
  EXPECT_EQ(local(*zone, 2024, 11, 3, 1, 30), utc(2024, 11, 3, 5, 30));
  // Round trip of an ordinary time.
  auto t = local(*zone, 2024, 6, 1, 9, 15);
  EXPECT_EQ(zone->to_local(t), at(date(2024, 6, 1), hours{9} + minutes{15}));
}

TEST(TimeZone, RejectsUnsafeOrUnknownNames) {
  EXPECT_FALSE(TimeZone::load("../etc/passwd"));
  EXPECT_FALSE(TimeZone::load("/etc/localtime"));
  EXPECT_FALSE(TimeZone::load("Asia//Shanghai"));
  EXPECT_FALSE(TimeZone::load("Mars/Olympus_Mons"));
  EXPECT_FALSE(TimeZone::load(""));
  EXPECT_TRUE(is_safe_zone_name("Etc/GMT+8"));
  EXPECT_TRUE(is_safe_zone_name("America/Port-au-Prince"));
}

TEST(TimeZone, RejectsMalformedTzifBytes) {
  EXPECT_FALSE(TimeZone::from_tzif("x", ""));
  EXPECT_FALSE(TimeZone::from_tzif("x", "TZif2 but far too short"));
  EXPECT_FALSE(TimeZone::from_tzif("x", std::string(200, '\0')));
}

TEST(TimeZone, FixedZoneHasOneOffset) {
  auto zone = TimeZone::fixed("UTC", seconds{0});
  EXPECT_EQ(zone->utc_offset(utc(2024, 7, 1, 0, 0)), seconds{0});
  EXPECT_EQ(local(*zone, 2024, 7, 1, 8, 0), utc(2024, 7, 1, 8, 0));
}

TEST(PosixTzRule, ParsesFooterForms) {
  auto cst = PosixTzRule::parse("CST-8");
  ASSERT_TRUE(cst);
  EXPECT_FALSE(cst->has_dst());
  EXPECT_EQ(cst->utc_offset(sys_seconds{}), hours{8});

  auto quoted = PosixTzRule::parse("<-03>3");
  ASSERT_TRUE(quoted);
  EXPECT_EQ(quoted->utc_offset(sys_seconds{}), hours{-3});

  // Southern hemisphere: DST over the new year (Sydney).
  auto syd = PosixTzRule::parse("AEST-10AEDT,M10.1.0,M4.1.0/3");
  ASSERT_TRUE(syd);
  EXPECT_EQ(syd->utc_offset(sys_seconds{sys_days{date(2030, 1, 10)}}), hours{11});
  EXPECT_EQ(syd->utc_offset(sys_seconds{sys_days{date(2030, 6, 10)}}), hours{10});

  // Negative rule times (RFC 8536 extension) and Julian days.
  EXPECT_TRUE(PosixTzRule::parse("<-02>2<-01>,M3.5.0/-1,M10.5.0/0"));
  EXPECT_TRUE(PosixTzRule::parse("EST5EDT,J60/2,300"));

  EXPECT_FALSE(PosixTzRule::parse(""));
  EXPECT_FALSE(PosixTzRule::parse("AB-8"));
  EXPECT_FALSE(PosixTzRule::parse("EST5EDT,M13.1.0,M11.1.0"));
  EXPECT_FALSE(PosixTzRule::parse("EST5EDT,M3.2.0"));
}

}  // namespace
}  // namespace kefu::shifts
