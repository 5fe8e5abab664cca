#include "shifts/posix_tz.h"

#include <cctype>

namespace kefu::shifts {

using namespace std::chrono;

namespace {

// A tiny cursor over the rule text; every reader returns false on malformed input.
struct Cursor {
  std::string_view s;
  std::size_t i = 0;
  bool done() const { return i >= s.size(); }
  char peek() const { return done() ? '\0' : s[i]; }
  bool eat(char c) {
    if (peek() != c) return false;
    ++i;
    return true;
  }
};

bool read_name(Cursor& c) {
  if (c.eat('<')) {
    while (!c.done() && c.peek() != '>') ++c.i;
    return c.eat('>');
  }
  std::size_t start = c.i;
  while (!c.done() && std::isalpha(static_cast<unsigned char>(c.peek()))) ++c.i;
  return c.i - start >= 3;
}

bool read_number(Cursor& c, int max, int& out) {
  std::size_t start = c.i;
  out = 0;
  while (!c.done() && std::isdigit(static_cast<unsigned char>(c.peek()))) {
    out = out * 10 + (c.peek() - '0');
    if (out > max) return false;
    ++c.i;
  }
  return c.i > start;
}

// [+-]hh[:mm[:ss]]; hours up to 167 (RFC 8536 extension for rule times).
bool read_hms(Cursor& c, seconds& out) {
  int sign = 1;
  if (c.eat('-')) {
    sign = -1;
  } else {
    c.eat('+');
  }
  int h = 0, m = 0, s = 0;
  if (!read_number(c, 167, h)) return false;
  if (c.eat(':')) {
    if (!read_number(c, 59, m)) return false;
    if (c.eat(':') && !read_number(c, 59, s)) return false;
  }
  out = sign * (hours{h} + minutes{m} + seconds{s});
  return true;
}

bool read_day_rule(Cursor& c, PosixTzRule::DayRule& r) {
  using Kind = PosixTzRule::DayRule::Kind;
  if (c.eat('J')) {
    r.kind = Kind::kJulianNoLeap;
    return read_number(c, 365, r.day) && r.day >= 1;
  }
  if (c.eat('M')) {
    r.kind = Kind::kMonthWeekDay;
    return read_number(c, 12, r.month) && r.month >= 1 && c.eat('.') && read_number(c, 5, r.week) &&
           r.week >= 1 && c.eat('.') && read_number(c, 6, r.weekday);
  }
  r.kind = Kind::kZeroBased;
  return read_number(c, 365, r.day);
}

bool read_rule_with_time(Cursor& c, PosixTzRule::DayRule& r, seconds& time) {
  if (!read_day_rule(c, r)) return false;
  if (c.eat('/')) return read_hms(c, time);
  return true;
}

}  // namespace

sys_days PosixTzRule::DayRule::in_year(year y) const {
  switch (kind) {
    case Kind::kJulianNoLeap: {
      int d = day - 1;  // Jn never counts Feb 29
      if (y.is_leap() && day >= 60) ++d;
      return sys_days{y / January / 1} + days{d};
    }
    case Kind::kZeroBased:
      return sys_days{y / January / 1} + days{day};
    case Kind::kMonthWeekDay:
      break;
  }
  auto m = std::chrono::month{static_cast<unsigned>(month)};
  auto wd = std::chrono::weekday{static_cast<unsigned>(weekday)};
  if (week == 5) return sys_days{year_month_weekday_last{y, m, weekday_last{wd}}};
  return sys_days{year_month_weekday{y, m, wd[static_cast<unsigned>(week)]}};
}

std::optional<PosixTzRule> PosixTzRule::parse(std::string_view text) {
  Cursor c{text};
  PosixTzRule r;
  seconds west{0};
  if (!read_name(c) || !read_hms(c, west)) return std::nullopt;
  r.std_offset_ = -west;
  if (c.done()) return r;

  if (!read_name(c)) return std::nullopt;
  r.has_dst_ = true;
  r.dst_offset_ = r.std_offset_ + hours{1};
  if (!c.done() && c.peek() != ',') {
    if (!read_hms(c, west)) return std::nullopt;
    r.dst_offset_ = -west;
  }
  if (c.done()) {
    // No rule given: the customary US default, as C libraries do.
    r.start_ = DayRule{DayRule::Kind::kMonthWeekDay, 0, 3, 2, 0};
    r.end_ = DayRule{DayRule::Kind::kMonthWeekDay, 0, 11, 1, 0};
    return r;
  }
  if (!c.eat(',') || !read_rule_with_time(c, r.start_, r.start_time_) || !c.eat(',') ||
      !read_rule_with_time(c, r.end_, r.end_time_) || !c.done()) {
    return std::nullopt;
  }
  return r;
}

seconds PosixTzRule::utc_offset(sys_seconds t) const {
  if (!has_dst_) return std_offset_;
  year y = year_month_day{floor<days>(t + std_offset_)}.year();
  sys_seconds start = sys_seconds{start_.in_year(y)} + start_time_ - std_offset_;
  sys_seconds end = sys_seconds{end_.in_year(y)} + end_time_ - dst_offset_;
  bool dst = start < end ? (start <= t && t < end) : !(end <= t && t < start);
  return dst ? dst_offset_ : std_offset_;
}

}  // namespace kefu::shifts
