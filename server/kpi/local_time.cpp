#include "kpi/local_time.h"

#include <cstdio>
#include <utility>

namespace kefu::kpi {

using std::chrono::days;
using std::chrono::floor;
using std::chrono::sys_days;

bool is_valid(const AssessmentWindow& w) {
  return w.start >= std::chrono::minutes{0} && w.start < w.end &&
         w.end <= std::chrono::minutes{24 * 60};
}

ShopTime::ShopTime(OffsetFn utc_offset) : utc_offset_(std::move(utc_offset)) {}

ShopTime ShopTime::fixed(std::chrono::seconds utc_offset) {
  return ShopTime([utc_offset](TimePoint) { return utc_offset; });
}

std::chrono::milliseconds ShopTime::local_since_epoch(TimePoint t) const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()) +
         utc_offset_(t);
}

LocalDate ShopTime::local_date(TimePoint t) const {
  return LocalDate{sys_days{floor<days>(local_since_epoch(t))}};
}

std::chrono::milliseconds ShopTime::time_of_day(TimePoint t) const {
  const auto local = local_since_epoch(t);
  return local - floor<days>(local);
}

bool ShopTime::in_window(TimePoint t, const AssessmentWindow& w) const {
  const auto tod = time_of_day(t);
  return w.start <= tod && tod < w.end;
}

LocalDate add_days(LocalDate d, int n) { return LocalDate{sys_days{d} + days{n}}; }

int days_between(LocalDate from, LocalDate to) {
  return static_cast<int>((sys_days{to} - sys_days{from}).count());
}

std::string to_string(LocalDate d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return buf;
}

DateRange day_range(LocalDate d) { return {d, d}; }

DateRange month_range(std::chrono::year y, std::chrono::month m) {
  return {LocalDate{y / m / 1}, LocalDate{y / m / std::chrono::last}};
}

DateRange quarter_range(std::chrono::year y, int quarter) {
  const auto first = std::chrono::month{static_cast<unsigned>((quarter - 1) * 3 + 1)};
  const auto last = std::chrono::month{static_cast<unsigned>(quarter * 3)};
  return {LocalDate{y / first / 1}, LocalDate{y / last / std::chrono::last}};
}

DateRange year_range(std::chrono::year y) {
  return {LocalDate{y / std::chrono::January / 1}, LocalDate{y / std::chrono::December / 31}};
}

namespace {

DateRange bucket_of(LocalDate d, Granularity g) {
  switch (g) {
    case Granularity::kDay:
      return day_range(d);
    case Granularity::kMonth:
      return month_range(d.year(), d.month());
    case Granularity::kQuarter:
      return quarter_range(d.year(),
                           static_cast<int>((static_cast<unsigned>(d.month()) - 1) / 3 + 1));
    case Granularity::kYear:
      return year_range(d.year());
  }
  return day_range(d);
}

}  // namespace

std::vector<DateRange> split(const DateRange& range, Granularity g) {
  std::vector<DateRange> out;
  for (LocalDate d = range.first; d <= range.last;) {
    DateRange b = bucket_of(d, g);
    if (b.first < range.first) b.first = range.first;
    if (b.last > range.last) b.last = range.last;
    out.push_back(b);
    d = add_days(b.last, 1);
  }
  return out;
}

}  // namespace kefu::kpi
