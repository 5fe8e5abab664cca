// R-SHIFT-1: shift presets, shifts across midnight, the shop's zone.
#include <gtest/gtest.h>

#include "shanghai.h"
#include "shifts/presets.h"
#include "shifts/schedule.h"

namespace kefu::shifts {
namespace {

using namespace std::chrono;
using testing::date;
using testing::sh;

TEST(Shifts, R_SHIFT_1_DefaultPresetIsTheTwentyFourHourSet) {
  const auto& p = default_preset();
  EXPECT_EQ(p.id, kDefaultPreset);
  ASSERT_EQ(p.shifts.size(), 3u);
  EXPECT_EQ(p.shifts[0].name, "早班");
  EXPECT_EQ(p.shifts[0].start, hours{6});
  EXPECT_EQ(p.shifts[0].end, hours{14});
  EXPECT_EQ(p.shifts[1].name, "中班");
  EXPECT_EQ(p.shifts[1].start, hours{14});
  EXPECT_EQ(p.shifts[1].end, hours{22});
  EXPECT_EQ(p.shifts[2].name, "夜班");
  EXPECT_EQ(p.shifts[2].start, hours{22});
  EXPECT_EQ(p.shifts[2].end, hours{6});
  EXPECT_TRUE(p.shifts[2].crosses_midnight());
  minutes total{0};
  for (const auto& s : p.shifts) total += s.length();
  EXPECT_EQ(total, hours{24});
}

TEST(Shifts, R_SHIFT_1_OtherRotasAreNamedPresets) {
  auto day_night = find_preset("day_night");
  ASSERT_TRUE(day_night);
  EXPECT_EQ(day_night->shifts[1].end, hours{24});  // 16:30–24:00
  EXPECT_FALSE(day_night->shifts[1].crosses_midnight());
  auto overlap = find_preset("day_evening");
  ASSERT_TRUE(overlap);
  // 08:30–16:30 and 16:00–00:00 overlap by 30 minutes.
  EXPECT_EQ(overlap->shifts[0].end - overlap->shifts[1].start, minutes{30});
  EXPECT_EQ(overlap->shifts[1].length(), hours{8});
  EXPECT_TRUE(find_preset("day_half_late"));
  EXPECT_TRUE(find_preset("all_day"));
  EXPECT_FALSE(find_preset("no_such_preset"));
  for (const auto& p : shift_presets()) {
    for (const auto& s : p.shifts) EXPECT_TRUE(s.valid()) << p.id << "/" << s.id;
  }
}

TEST(Shifts, R_SHIFT_1_MiddleToNightChangeAt2200) {
  auto s = testing::three_shift_schedule();
  s.rota.assign("mid", date(2024, 5, 1), {"middle"});
  s.rota.assign("nig", date(2024, 5, 1), {"night"});
  // 21:59: the 中班 agent works, the 夜班 agent does not yet.
  EXPECT_TRUE(is_on_shift(s, "mid", sh(2024, 5, 1, 21, 59)));
  EXPECT_FALSE(is_on_shift(s, "nig", sh(2024, 5, 1, 21, 59)));
  // 22:00: the change. Shifts are half-open [start, end).
  EXPECT_FALSE(is_on_shift(s, "mid", sh(2024, 5, 1, 22, 0)));
  EXPECT_TRUE(is_on_shift(s, "nig", sh(2024, 5, 1, 22, 0)));
  auto cur = current_shift(s, "mid", sh(2024, 5, 1, 21, 59));
  ASSERT_TRUE(cur);
  EXPECT_EQ(cur->end, sh(2024, 5, 1, 22, 0));
}

TEST(Shifts, R_SHIFT_1_NightShiftAcrossMidnightBelongsToItsStartDate) {
  auto s = testing::three_shift_schedule();
  s.rota.assign("nig", date(2024, 5, 1), {"night"});
  // 02:00 on May 2 is inside the night shift of the rota date May 1.
  auto cur = current_shift(s, "nig", sh(2024, 5, 2, 2, 0));
  ASSERT_TRUE(cur);
  EXPECT_EQ(cur->shift_id, "night");
  EXPECT_EQ(cur->date, date(2024, 5, 1));
  EXPECT_EQ(cur->start, sh(2024, 5, 1, 22, 0));
  EXPECT_EQ(cur->end, sh(2024, 5, 2, 6, 0));
  EXPECT_TRUE(is_on_shift(s, "nig", sh(2024, 5, 2, 5, 59)));
  EXPECT_FALSE(is_on_shift(s, "nig", sh(2024, 5, 2, 6, 0)));
  // Nothing rostered on May 2 itself: 23:00 on May 2 is off.
  EXPECT_FALSE(is_on_shift(s, "nig", sh(2024, 5, 2, 23, 0)));
  // 02:00 on May 1 belongs to April 30's night, which this agent does not work.
  EXPECT_FALSE(is_on_shift(s, "nig", sh(2024, 5, 1, 2, 0)));
}

TEST(Shifts, R_SHIFT_1_ShopZoneDecidesTheWallClock) {
  ShopSchedule s;
  s.zone = TimeZone::load("America/New_York");
  ASSERT_TRUE(s.zone);
  s.add_shifts(default_preset().shifts);
  s.rota.assign("a", date(2024, 3, 9), {"night"});
  // The night of the spring-forward change is one hour shorter: 22:00 EST → 06:00 EDT.
  auto inst = instances_on(s, "a", date(2024, 3, 9));
  ASSERT_EQ(inst.size(), 1u);
  EXPECT_EQ(inst[0].end - inst[0].start, hours{7});
  // The same local shift in Shanghai is 13 hours earlier in absolute time that night.
  auto shanghai = testing::three_shift_schedule();
  shanghai.rota.assign("a", date(2024, 3, 9), {"night"});
  EXPECT_EQ(inst[0].start - instances_on(shanghai, "a", date(2024, 3, 9))[0].start, hours{13});
}

TEST(Shifts, R_SHIFT_1_NextShiftStartAndServiceHours) {
  auto s = testing::three_shift_schedule();
  s.rota.assign("early", date(2024, 5, 2), {"early"});
  s.rota.assign("mid", date(2024, 5, 2), {"middle"});
  std::vector<std::string> group{"early", "mid"};
  // At 23:00 on May 1 nobody works; service resumes at 06:00 on May 2.
  EXPECT_FALSE(anyone_on_shift(s, group, sh(2024, 5, 1, 23, 0)));
  EXPECT_EQ(next_service_start(s, group, sh(2024, 5, 1, 23, 0)), sh(2024, 5, 2, 6, 0));
  auto next = next_shift(s, "mid", sh(2024, 5, 2, 7, 0));
  ASSERT_TRUE(next);
  EXPECT_EQ(next->shift_id, "middle");
  EXPECT_EQ(next->start, sh(2024, 5, 2, 14, 0));
  // Back-to-back shifts merge into one service window 06:00–22:00.
  auto hours_open = service_hours(s, group, sh(2024, 5, 2, 0, 0), sh(2024, 5, 3, 0, 0));
  ASSERT_EQ(hours_open.size(), 1u);
  EXPECT_EQ(hours_open[0].start, sh(2024, 5, 2, 6, 0));
  EXPECT_EQ(hours_open[0].end, sh(2024, 5, 2, 22, 0));
  EXPECT_FALSE(next_service_start(s, std::vector<std::string>{"nobody"}, sh(2024, 5, 1, 0, 0)));
}

TEST(Shifts, R_SHIFT_1_ScheduleReportsUnknownShiftsAndMissingZone) {
  ShopSchedule s;
  s.rota.assign("a", date(2024, 5, 1), {"brunch"});
  auto problems = s.problems();
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0], "no time zone");
  EXPECT_EQ(problems[1], "rota names an unknown shift: brunch");
  EXPECT_TRUE(testing::three_shift_schedule().problems().empty());
}

}  // namespace
}  // namespace kefu::shifts
