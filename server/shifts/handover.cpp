#include "shifts/handover.h"

#include "shifts/auto_extend.h"

namespace kefu::shifts {

std::optional<std::string> handover_problem(const HandoverNote& note) {
  if (note.author_id.empty()) return "handover has no author";
  if (note.items.empty()) return "handover has no items";
  for (const auto& item : note.items) {
    if (item.text.find_first_not_of(" \t\r\n") == std::string::npos) {
      return "handover item has no text";
    }
  }
  return std::nullopt;
}

std::optional<ShiftInstance> handover_due(const ShopSchedule& s, std::string_view agent_id,
                                          TimePoint t, Millis lead, int active_conversations) {
  auto status = shift_status(s, agent_id, t, active_conversations);
  if (status.phase == ShiftPhase::kExtended) return status.shift;
  if (status.phase == ShiftPhase::kOnShift && status.shift->end - t <= lead) return status.shift;
  return std::nullopt;
}

bool may_read_handover(const ShopSchedule& s, const HandoverNote& note,
                       const HandoverReader& reader, TimePoint t) {
  if (reader.supervisor || reader.agent_id == note.author_id) return true;
  if (reader.group != note.group) return false;
  auto shift = current_shift(s, reader.agent_id, t);
  if (!shift) shift = next_shift(s, reader.agent_id, t);
  return shift && shift->start > note.shift.start;
}

}  // namespace kefu::shifts
