#include "shifts/presets.h"

namespace kefu::shifts {

namespace {

ShiftDefinition def(const char* id, const char* name, const char* start, const char* end) {
  return *make_shift(id, name, start, end);  // constants below are well formed (tested)
}

std::vector<ShiftPreset> build() {
  return {
      {"three_shifts_24h",
       "24小时三班",
       {def("early", "早班", "06:00", "14:00"), def("middle", "中班", "14:00", "22:00"),
        def("night", "夜班", "22:00", "06:00")}},
      {"day_night",
       "白班/晚班",
       {def("day_0830_1700", "白班", "08:30", "17:00"),
        def("night_1630_2400", "晚班", "16:30", "24:00")}},
      {"day_evening",
       "白班/晚班(交接30分钟)",
       {def("day_0830_1630", "白班", "08:30", "16:30"),
        def("evening_1600_2400", "晚班", "16:00", "00:00")}},
      {"day_half_late",
       "白班/半白班/晚班",
       {def("day_0900_1730", "白班", "09:00", "17:30"),
        def("half_1000_1530", "半白班", "10:00", "15:30"),
        def("late_1700_2330", "晚班", "17:00", "23:30")}},
      {"all_day", "全天", {def("all_day", "全天", "00:00", "24:00")}},
  };
}

}  // namespace

const std::vector<ShiftPreset>& shift_presets() {
  static const std::vector<ShiftPreset> presets = build();
  return presets;
}

std::optional<ShiftPreset> find_preset(std::string_view id) {
  for (const auto& p : shift_presets()) {
    if (p.id == id) return p;
  }
  return std::nullopt;
}

const ShiftPreset& default_preset() { return shift_presets().front(); }

}  // namespace kefu::shifts
