#pragma once
// Shift presets from the seeds (R-SHIFT-1). The default is the 24-hour set of [001].
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shifts/shift.h"

namespace kefu::shifts {

struct ShiftPreset {
  std::string id;
  std::string name;
  std::vector<ShiftDefinition> shifts;
};

// "three_shifts_24h" [001] 早班 06:00–14:00, 中班 14:00–22:00, 夜班 22:00–06:00 (default)
// "day_night"        [000] 白班 08:30–17:00, 晚班 16:30–24:00
// "day_evening"      [001] 白班 08:30–16:30, 晚班 16:00–24:00 (30 min overlap)
// "day_half_late"    [003] 白班 09:00–17:30, 半白班 10:00–15:30, 晚班 17:00–23:30
// "all_day"          Kefu's: 全天 00:00–24:00, for shops that keep no rota
inline constexpr std::string_view kDefaultPreset = "three_shifts_24h";

const std::vector<ShiftPreset>& shift_presets();
std::optional<ShiftPreset> find_preset(std::string_view id);
const ShiftPreset& default_preset();

}  // namespace kefu::shifts
