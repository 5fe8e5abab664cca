#pragma once
// The POSIX TZ rule string that ends a TZif file ("CST-8", "EST5EDT,M3.2.0,M11.1.0"): it gives
// the zone's offset for instants after the file's last listed transition (R-SHIFT-1).
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace kefu::shifts {

class PosixTzRule {
 public:
  // nullopt when the text is not a valid POSIX TZ string.
  static std::optional<PosixTzRule> parse(std::string_view text);

  // East of Greenwich is positive (Asia/Shanghai: +8 h), unlike the POSIX text itself.
  std::chrono::seconds utc_offset(std::chrono::sys_seconds t) const;
  bool has_dst() const { return has_dst_; }

  // A day in the year: Jn (1..365, Feb 29 never counted), n (0..365), Mm.w.d.
  struct DayRule {
    enum class Kind { kJulianNoLeap, kZeroBased, kMonthWeekDay } kind = Kind::kMonthWeekDay;
    int day = 0;      // n for the first two kinds
    int month = 0;    // Mm.w.d
    int week = 0;     // 1..5, 5 = the last such weekday
    int weekday = 0;  // 0 = Sunday
    std::chrono::sys_days in_year(std::chrono::year y) const;
  };

 private:
  std::chrono::seconds std_offset_{0};
  std::chrono::seconds dst_offset_{0};
  bool has_dst_ = false;
  DayRule start_;
  DayRule end_;
  std::chrono::seconds start_time_{7200};  // local (standard) time of the switch to DST
  std::chrono::seconds end_time_{7200};    // local (daylight) time of the switch back
};

}  // namespace kefu::shifts
