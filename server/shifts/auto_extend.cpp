#include "shifts/auto_extend.h"

#include <algorithm>

namespace kefu::shifts {

ShiftStatus shift_status(const ShopSchedule& s, std::string_view agent_id, TimePoint t,
                         int active_conversations) {
  if (auto current = current_shift(s, agent_id, t)) {
    return {ShiftPhase::kOnShift, std::move(current)};
  }
  if (active_conversations > 0) {
    if (auto ended = last_ended_shift(s, agent_id, t)) {
      return {ShiftPhase::kExtended, std::move(ended)};
    }
  }
  return {ShiftPhase::kOffShift, std::nullopt};
}

Millis extra_time(TimePoint shift_end, TimePoint last_conversation_end) {
  return std::max(Millis{0}, std::chrono::duration_cast<Millis>(last_conversation_end - shift_end));
}

std::optional<OvertimeRecord> on_conversation_ended(const ShopSchedule& s,
                                                    std::string_view agent_id, TimePoint t,
                                                    int remaining_active) {
  if (remaining_active > 0 || is_on_shift(s, agent_id, t)) return std::nullopt;
  auto ended = last_ended_shift(s, agent_id, t);
  if (!ended || ended->end >= t) return std::nullopt;
  return OvertimeRecord{std::string(agent_id),    ended->shift_id, ended->date, ended->end, t,
                        extra_time(ended->end, t)};
}

}  // namespace kefu::shifts
