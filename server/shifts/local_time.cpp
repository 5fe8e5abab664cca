#include "shifts/local_time.h"

#include <charconv>
#include <cstdio>

namespace kefu::shifts {

using namespace std::chrono;

LocalDate add_days(LocalDate d, int n) { return LocalDate{local_days{d} + days{n}}; }

LocalSeconds at(LocalDate d, minutes time_of_day) {
  return LocalSeconds{local_days{d}} + duration_cast<seconds>(time_of_day);
}

LocalDate date_of(LocalSeconds t) { return LocalDate{floor<days>(t)}; }

seconds time_of_day(LocalSeconds t) { return t - floor<days>(t); }

namespace {

std::optional<int> parse_int(std::string_view s) {
  if (s.empty()) return std::nullopt;
  int v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || end != s.data() + s.size()) return std::nullopt;
  return v;
}

}  // namespace

std::optional<LocalDate> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto y = parse_int(text.substr(0, 4));
  auto m = parse_int(text.substr(5, 2));
  auto d = parse_int(text.substr(8, 2));
  if (!y || !m || !d) return std::nullopt;
  LocalDate date{year{*y}, month{static_cast<unsigned>(*m)}, day{static_cast<unsigned>(*d)}};
  if (!date.ok()) return std::nullopt;
  return date;
}

std::string to_string(LocalDate d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return buf;
}

std::optional<minutes> parse_time_of_day(std::string_view text) {
  auto colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || text.size() - colon != 3) {
    return std::nullopt;
  }
  auto h = parse_int(text.substr(0, colon));
  auto m = parse_int(text.substr(colon + 1));
  if (!h || !m || *h < 0 || *m < 0 || *m > 59) return std::nullopt;
  if (*h > 24 || (*h == 24 && *m != 0)) return std::nullopt;
  return hours{*h} + minutes{*m};
}

std::string format_time_of_day(minutes m) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", static_cast<int>(m.count() / 60),
                static_cast<int>(m.count() % 60));
  return buf;
}

}  // namespace kefu::shifts
