// R-SHIFT-2: the rota by date, standing patterns, approved leave.
#include <gtest/gtest.h>

#include "shanghai.h"

namespace kefu::shifts {
namespace {

using namespace std::chrono;
using testing::date;
using testing::sh;

TEST(Shifts, R_SHIFT_2_RotaAssignsShiftsByDate) {
  auto s = testing::three_shift_schedule();
  s.rota.assign("a", date(2024, 5, 1), {"early"});
  s.rota.assign("a", date(2024, 5, 2), {"middle"});
  EXPECT_TRUE(is_on_shift(s, "a", sh(2024, 5, 1, 10, 0)));
  EXPECT_FALSE(is_on_shift(s, "a", sh(2024, 5, 1, 15, 0)));
  EXPECT_FALSE(is_on_shift(s, "a", sh(2024, 5, 2, 10, 0)));
  EXPECT_TRUE(is_on_shift(s, "a", sh(2024, 5, 2, 15, 0)));
  EXPECT_FALSE(is_on_shift(s, "a", sh(2024, 5, 3, 10, 0)));  // not rostered
}

TEST(Shifts, R_SHIFT_2_DatedEntryOverridesStandingPattern) {
  auto s = testing::three_shift_schedule();
  s.rota.set_standing("a", {"early"});
  s.rota.assign("a", date(2024, 5, 4), {});  // day off
  s.rota.assign("a", date(2024, 5, 5), {"night"});
  EXPECT_TRUE(is_on_shift(s, "a", sh(2024, 5, 3, 6, 0)));
  EXPECT_FALSE(is_on_shift(s, "a", sh(2024, 5, 4, 6, 0)));
  EXPECT_FALSE(is_on_shift(s, "a", sh(2024, 5, 5, 6, 0)));
  EXPECT_TRUE(is_on_shift(s, "a", sh(2024, 5, 5, 23, 0)));
}

TEST(Shifts, R_SHIFT_2_ApprovedLeaveTakesAgentOutOfRouting) {
  auto s = testing::three_shift_schedule();
  s.rota.set_standing("a", {"early"});
  s.rota.set_standing("b", {"early"});
  s.rota.add_leave(leave_for_days("a", date(2024, 5, 2), date(2024, 5, 3), *s.zone));
  s.rota.add_leave(
      leave_for_days("b", date(2024, 5, 2), date(2024, 5, 3), *s.zone, LeaveStatus::kRequested));
  EXPECT_TRUE(is_on_shift(s, "a", sh(2024, 5, 1, 8, 0)));
  EXPECT_FALSE(is_on_shift(s, "a", sh(2024, 5, 2, 8, 0)));
  EXPECT_FALSE(is_on_shift(s, "a", sh(2024, 5, 3, 8, 0)));
  EXPECT_TRUE(is_on_shift(s, "a", sh(2024, 5, 4, 8, 0)));
  // Only approved leave counts: a request does not change the rota.
  EXPECT_TRUE(is_on_shift(s, "b", sh(2024, 5, 2, 8, 0)));
  // The next shift skips the leave.
  auto next = next_shift(s, "a", sh(2024, 5, 1, 15, 0));
  ASSERT_TRUE(next);
  EXPECT_EQ(next->start, sh(2024, 5, 4, 6, 0));
}

TEST(Shifts, R_SHIFT_2_PartialLeaveDelaysTheShiftStart) {
  auto s = testing::three_shift_schedule();
  s.rota.assign("a", date(2024, 5, 1), {"early"});
  s.rota.add_leave({"a", sh(2024, 5, 1, 6, 0), sh(2024, 5, 1, 9, 0), LeaveStatus::kApproved});
  EXPECT_FALSE(is_on_shift(s, "a", sh(2024, 5, 1, 8, 59)));
  EXPECT_TRUE(is_on_shift(s, "a", sh(2024, 5, 1, 9, 0)));
  auto next = next_shift(s, "a", sh(2024, 5, 1, 5, 0));
  ASSERT_TRUE(next);
  EXPECT_EQ(next->start, sh(2024, 5, 1, 9, 0));
  auto open =
      service_hours(s, std::vector<std::string>{"a"}, sh(2024, 5, 1, 0, 0), sh(2024, 5, 2, 0, 0));
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].start, sh(2024, 5, 1, 9, 0));
  EXPECT_EQ(open[0].end, sh(2024, 5, 1, 14, 0));
}

}  // namespace
}  // namespace kefu::shifts
