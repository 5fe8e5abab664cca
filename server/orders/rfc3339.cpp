#include "orders/rfc3339.h"

#include <chrono>

namespace kefu::orders {

namespace {

bool digits(std::string_view s, std::size_t at, std::size_t n, int& out) {
  if (at + n > s.size()) return false;
  out = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

}  // namespace

std::optional<std::int64_t> parse_rfc3339_ms(std::string_view s) {
  // YYYY-MM-DDTHH:MM:SS[.fff…](Z|±HH:MM)
  int year, month, day, hour, minute, second;
  if (!digits(s, 0, 4, year) || s.size() < 20 || s[4] != '-' || !digits(s, 5, 2, month) ||
      s[7] != '-' || !digits(s, 8, 2, day) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') ||
      !digits(s, 11, 2, hour) || s[13] != ':' || !digits(s, 14, 2, minute) || s[16] != ':' ||
      !digits(s, 17, 2, second))
    return std::nullopt;
  using namespace std::chrono;
  const year_month_day date{std::chrono::year{year},
                            std::chrono::month{static_cast<unsigned>(month)},
                            std::chrono::day{static_cast<unsigned>(day)}};
  if (!date.ok() || hour > 23 || minute > 59 || second > 60) return std::nullopt;
  std::size_t at = 19;
  std::int64_t millis = 0;
  if (at < s.size() && s[at] == '.') {
    ++at;
    int scale = 100, n = 0;
    while (at < s.size() && s[at] >= '0' && s[at] <= '9') {
      millis += (s[at] - '0') * scale;
      scale /= 10;
      ++at;
      ++n;
    }
    if (n == 0) return std::nullopt;
  }
  if (at >= s.size()) return std::nullopt;
  int offset_minutes = 0;
  if (s[at] == 'Z' || s[at] == 'z') {
    ++at;
  } else if (s[at] == '+' || s[at] == '-') {
    int oh, om;
    if (!digits(s, at + 1, 2, oh) || at + 3 >= s.size() || s[at + 3] != ':' ||
        !digits(s, at + 4, 2, om) || oh > 23 || om > 59)
      return std::nullopt;
    offset_minutes = (s[at] == '+' ? 1 : -1) * (oh * 60 + om);
    at += 6;
  } else {
    return std::nullopt;
  }
  if (at != s.size()) return std::nullopt;
  const auto local = sys_days{date} + hours{hour} + minutes{minute} + seconds{std::min(second, 59)};
  return duration_cast<milliseconds>(local.time_since_epoch()).count() + millis -
         std::int64_t{offset_minutes} * 60'000;
}

}  // namespace kefu::orders
