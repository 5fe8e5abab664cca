// R-SHIFT-5: handover items at shift change, seen by the next shift and supervisors.
#include "shifts/handover.h"

#include <gtest/gtest.h>

#include "shanghai.h"

namespace kefu::shifts {
namespace {

using namespace std::chrono;
using testing::date;
using testing::sh;

HandoverNote note_from_middle(const ShopSchedule& s) {
  HandoverNote n;
  n.author_id = "mid";
  n.group = "aftersale";
  n.shift = instances_on(s, "mid", date(2024, 5, 1)).at(0);
  n.written_at = sh(2024, 5, 1, 21, 50);
  n.items = {{HandoverKind::kOpenQuestion, "c1", "买家问退款进度,明早查件"},
             {HandoverKind::kPendingFollowUp, "c2", "补发单号待回复"}};
  return n;
}

TEST(Shifts, R_SHIFT_5_HandoverIsDueNearShiftEndAndVisibleToNextShift) {
  auto s = testing::three_shift_schedule();
  s.rota.assign("mid", date(2024, 5, 1), {"middle"});
  s.rota.assign("nig", date(2024, 5, 1), {"night"});
  s.rota.assign("early_prev", date(2024, 5, 1), {"early"});

  EXPECT_FALSE(handover_due(s, "mid", sh(2024, 5, 1, 20, 0)));
  EXPECT_TRUE(handover_due(s, "mid", sh(2024, 5, 1, 21, 40)));
  EXPECT_TRUE(handover_due(s, "mid", sh(2024, 5, 1, 22, 10), minutes{30}, 1));  // extended

  auto note = note_from_middle(s);
  EXPECT_FALSE(handover_problem(note));
  // The night shift of the same group reads it; so do supervisors and the author.
  EXPECT_TRUE(may_read_handover(s, note, {"nig", "aftersale", false}, sh(2024, 5, 1, 22, 0)));
  EXPECT_TRUE(may_read_handover(s, note, {"boss", "", true}, sh(2024, 5, 1, 22, 0)));
  EXPECT_TRUE(may_read_handover(s, note, {"mid", "aftersale", false}, sh(2024, 5, 1, 22, 0)));
  // The shift before (early) and other groups do not.
  EXPECT_FALSE(
      may_read_handover(s, note, {"early_prev", "aftersale", false}, sh(2024, 5, 1, 13, 0)));
  EXPECT_FALSE(may_read_handover(s, note, {"nig", "presale", false}, sh(2024, 5, 1, 22, 0)));
}

TEST(Shifts, R_SHIFT_5_HandoverNeedsAuthorAndNonEmptyItems) {
  auto s = testing::three_shift_schedule();
  s.rota.assign("mid", date(2024, 5, 1), {"middle"});
  auto note = note_from_middle(s);
  note.items.push_back({HandoverKind::kOpenQuestion, "", "  "});
  EXPECT_EQ(handover_problem(note), "handover item has no text");
  note.items.clear();
  EXPECT_EQ(handover_problem(note), "handover has no items");
  note.author_id.clear();
  EXPECT_EQ(handover_problem(note), "handover has no author");
}

}  // namespace
}  // namespace kefu::shifts
