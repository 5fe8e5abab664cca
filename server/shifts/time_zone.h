#pragma once
// The shop's time zone (R-SHIFT-1, default Asia/Shanghai): instant ↔ local wall clock.
// Immutable once loaded, so one TimeZone may be shared by every thread.
#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "shifts/local_time.h"
#include "shifts/tzif.h"

namespace kefu::shifts {

inline constexpr std::string_view kDefaultTimeZone = "Asia/Shanghai";
inline constexpr std::string_view kZoneInfoDir = "/usr/share/zoneinfo";

class TimeZone {
 public:
  // Reads <zoneinfo_dir>/<name> (an IANA name such as "Asia/Shanghai"). Returns nullptr when the
  // name is not a safe zone name or the file is missing or malformed.
  static std::shared_ptr<const TimeZone> load(std::string_view name,
                                              std::string_view zoneinfo_dir = kZoneInfoDir);
  // A zone from TZif bytes already in memory (tests, embedded data).
  static std::shared_ptr<const TimeZone> from_tzif(std::string name, std::string_view bytes);
  // A zone with one fixed offset and no transitions (tests, "UTC").
  static std::shared_ptr<const TimeZone> fixed(std::string name, std::chrono::seconds offset);

  const std::string& name() const { return name_; }

  // East is positive: Asia/Shanghai → +28800 s. Fits kpi::ShopTime's offset function.
  std::chrono::seconds utc_offset(TimePoint t) const;
  LocalSeconds to_local(TimePoint t) const;
  LocalDate local_date(TimePoint t) const { return date_of(to_local(t)); }

  // The instant a wall-clock time happens. A time repeated when clocks go back resolves to its
  // first occurrence; a time skipped when clocks go forward resolves to the instant after the
  // gap (02:30 in a 02:00→03:00 gap is 03:30 daylight time), as most calendars do.
  TimePoint to_instant(LocalSeconds local) const;

  TimeZone(std::string name, TzifData data);

 private:
  std::chrono::seconds offset_at(std::int64_t utc_seconds) const;

  std::string name_;
  TzifData data_;
};

// Zone names are paths under zoneinfo_dir: only letters, digits, '_', '-', '+', and '/'
// between non-empty parts are accepted, so a name can never leave the directory.
bool is_safe_zone_name(std::string_view name);

}  // namespace kefu::shifts
