#pragma once
// R-SHIFT-5 (handover): at shift change the leaving agent writes handover items (open buyer
// questions, pending follow-ups). They are visible to the next shift of the group and to
// supervisors.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "shifts/schedule.h"

namespace kefu::shifts {

enum class HandoverKind { kOpenQuestion, kPendingFollowUp };

struct HandoverItem {
  HandoverKind kind = HandoverKind::kOpenQuestion;
  std::string conversation_id;  // may be empty for a general item
  std::string text;
};

struct HandoverNote {
  std::string author_id;
  std::string group;
  ShiftInstance shift;  // the shift being handed over
  TimePoint written_at;
  std::vector<HandoverItem> items;
};

// Why a note cannot be stored; nullopt when it is fine.
std::optional<std::string> handover_problem(const HandoverNote& note);

// The agent should write a handover now: within `lead` of their shift end, or after it while
// auto-extended (R-SHIFT-3). Returns the shift to hand over.
std::optional<ShiftInstance> handover_due(const ShopSchedule& s, std::string_view agent_id,
                                          TimePoint t, Millis lead = std::chrono::minutes{30},
                                          int active_conversations = 0);

struct HandoverReader {
  std::string agent_id;
  std::string group;
  bool supervisor = false;
};

// Supervisors and the author read every note; an agent of the same group reads it when their
// current or next shift starts after the handed-over shift started (the next shift).
bool may_read_handover(const ShopSchedule& s, const HandoverNote& note,
                       const HandoverReader& reader, TimePoint t);

}  // namespace kefu::shifts
