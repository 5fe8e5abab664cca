#pragma once
// R-SHIFT-3 (auto-extend): at shift end an agent gets no new conversations but keeps the active
// ones until they end; the time from shift end to the end of the last one is recorded.
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "shifts/schedule.h"

namespace kefu::shifts {

enum class ShiftPhase {
  kOnShift,   // takes new conversations
  kExtended,  // shift over, still serving active conversations: no new ones
  kOffShift,
};

struct ShiftStatus {
  ShiftPhase phase = ShiftPhase::kOffShift;
  std::optional<ShiftInstance> shift;  // the current shift, or the one being extended
  bool accepts_new_conversations() const { return phase == ShiftPhase::kOnShift; }
};

ShiftStatus shift_status(const ShopSchedule& s, std::string_view agent_id, TimePoint t,
                         int active_conversations);

// The extra time worked: from shift end to when the last active conversation ended; zero when it
// ended within the shift.
Millis extra_time(TimePoint shift_end, TimePoint last_conversation_end);

struct OvertimeRecord {
  std::string agent_id;
  std::string shift_id;
  LocalDate shift_date;
  TimePoint shift_end;
  TimePoint extended_until;
  Millis extra{0};
};

// Call when one of the agent's conversations ends at t leaving `remaining_active` open: when
// that closes an extension (none left, the agent off shift, a shift ended before t), the record
// to store; otherwise nullopt.
std::optional<OvertimeRecord> on_conversation_ended(const ShopSchedule& s,
                                                    std::string_view agent_id, TimePoint t,
                                                    int remaining_active);

}  // namespace kefu::shifts
