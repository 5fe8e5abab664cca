// R-SHIFT-3: auto-extend at shift end, extra time recorded.
#include "shifts/auto_extend.h"

#include <gtest/gtest.h>

#include "shanghai.h"

namespace kefu::shifts {
namespace {

using namespace std::chrono;
using testing::date;
using testing::sh;

TEST(Shifts, R_SHIFT_3_AfterShiftEndNoNewConversationsButActiveOnesStay) {
  auto s = testing::three_shift_schedule();
  s.rota.assign("a", date(2024, 5, 1), {"middle"});
  auto on = shift_status(s, "a", sh(2024, 5, 1, 21, 59), 2);
  EXPECT_EQ(on.phase, ShiftPhase::kOnShift);
  EXPECT_TRUE(on.accepts_new_conversations());

  auto extended = shift_status(s, "a", sh(2024, 5, 1, 22, 5), 2);
  EXPECT_EQ(extended.phase, ShiftPhase::kExtended);
  EXPECT_FALSE(extended.accepts_new_conversations());
  ASSERT_TRUE(extended.shift);
  EXPECT_EQ(extended.shift->end, sh(2024, 5, 1, 22, 0));

  auto off = shift_status(s, "a", sh(2024, 5, 1, 22, 5), 0);
  EXPECT_EQ(off.phase, ShiftPhase::kOffShift);
}

TEST(Shifts, R_SHIFT_3_ExtraTimeRunsFromShiftEndToLastConversationEnd) {
  auto s = testing::three_shift_schedule();
  s.rota.assign("a", date(2024, 5, 1), {"middle"});
  // One conversation ends at 22:10 with another still open: nothing to record yet.
  EXPECT_FALSE(on_conversation_ended(s, "a", sh(2024, 5, 1, 22, 10), 1));
  // The last one ends at 22:17: 17 minutes of extra time.
  auto rec = on_conversation_ended(s, "a", sh(2024, 5, 1, 22, 17), 0);
  ASSERT_TRUE(rec);
  EXPECT_EQ(rec->shift_id, "middle");
  EXPECT_EQ(rec->shift_date, date(2024, 5, 1));
  EXPECT_EQ(rec->shift_end, sh(2024, 5, 1, 22, 0));
  EXPECT_EQ(rec->extended_until, sh(2024, 5, 1, 22, 17));
  EXPECT_EQ(rec->extra, minutes{17});
  // Conversations closing within the shift record nothing.
  EXPECT_FALSE(on_conversation_ended(s, "a", sh(2024, 5, 1, 21, 0), 0));
  EXPECT_EQ(extra_time(sh(2024, 5, 1, 22, 0), sh(2024, 5, 1, 21, 0)), Millis{0});
}

TEST(Shifts, R_SHIFT_3_NightShiftExtensionPastSixInTheMorning) {
  auto s = testing::three_shift_schedule();
  s.rota.assign("n", date(2024, 5, 1), {"night"});
  auto rec = on_conversation_ended(s, "n", sh(2024, 5, 2, 6, 3), 0);
  ASSERT_TRUE(rec);
  EXPECT_EQ(rec->shift_date, date(2024, 5, 1));
  EXPECT_EQ(rec->extra, minutes{3});
}

}  // namespace
}  // namespace kefu::shifts
