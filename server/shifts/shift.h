#pragma once
// A shift definition and its occurrence on a local date (R-SHIFT-1). Shifts may cross
// midnight: 夜班 22:00–06:00 on 2024-05-01 runs until 06:00 on 2024-05-02, and belongs to the
// rota date it started on.
#include <chrono>
#include <optional>
#include <string>

#include "core/clock.h"
#include "shifts/local_time.h"
#include "shifts/time_zone.h"

namespace kefu::shifts {

struct ShiftDefinition {
  std::string id;                 // stable id used by the rota ("early", "night", ...)
  std::string name;               // shown to people ("早班")
  std::chrono::minutes start{0};  // local time of day, 0..1439
  std::chrono::minutes end{0};    // 1..1440 (24:00); end <= start means it ends the next day

  bool crosses_midnight() const { return end <= start; }
  // end == start is a full 24 h shift.
  std::chrono::minutes length() const;
  bool valid() const;
};

// Builds a definition from "HH:MM" texts; nullopt when a time is malformed.
std::optional<ShiftDefinition> make_shift(std::string id, std::string name, std::string_view start,
                                          std::string_view end);

// One occurrence of a shift: the rota date it belongs to and the instants it runs [start, end).
struct ShiftInstance {
  std::string shift_id;
  LocalDate date;
  TimePoint start;
  TimePoint end;
  bool contains(TimePoint t) const { return start <= t && t < end; }
  friend bool operator==(const ShiftInstance&, const ShiftInstance&) = default;
};

ShiftInstance instance_on(const ShiftDefinition& shift, LocalDate date, const TimeZone& zone);

}  // namespace kefu::shifts
