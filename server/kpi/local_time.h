#pragma once
// The shop's local calendar for KPI purposes: which local day a moment belongs to, its local
// time of day, and the periods reports are cut into (day, month, quarter, year). The time zone
// rules themselves live elsewhere (shifts/); this code takes the shop's UTC offset as a function
// of the instant, so zones with DST work too. Asia/Shanghai is a fixed +08:00.
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "kpi/settings.h"

namespace kefu::kpi {

using LocalDate = std::chrono::year_month_day;

class ShopTime {
 public:
  using OffsetFn = std::function<std::chrono::seconds(TimePoint)>;
  explicit ShopTime(OffsetFn utc_offset);
  static ShopTime fixed(std::chrono::seconds utc_offset);

  LocalDate local_date(TimePoint t) const;
  std::chrono::milliseconds time_of_day(TimePoint t) const;  // since local midnight
  // R-KPI-1: start <= local time of day < end.
  bool in_window(TimePoint t, const AssessmentWindow& w) const;

 private:
  std::chrono::milliseconds local_since_epoch(TimePoint t) const;
  OffsetFn utc_offset_;
};

LocalDate add_days(LocalDate d, int days);
int days_between(LocalDate from, LocalDate to);  // to - from
std::string to_string(LocalDate d);              // "2024-11-11"

// An inclusive range of local dates.
struct DateRange {
  LocalDate first;
  LocalDate last;
  bool contains(LocalDate d) const { return first <= d && d <= last; }
  friend bool operator==(const DateRange&, const DateRange&) = default;
};

DateRange day_range(LocalDate d);
DateRange month_range(std::chrono::year y, std::chrono::month m);
DateRange quarter_range(std::chrono::year y, int quarter);  // quarter 1..4
DateRange year_range(std::chrono::year y);

enum class Granularity { kDay, kMonth, kQuarter, kYear };
// Cuts `range` into calendar buckets; the first and last may be partial.
std::vector<DateRange> split(const DateRange& range, Granularity g);

}  // namespace kefu::kpi
