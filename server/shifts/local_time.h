#pragma once
// Local calendar values of a shop (R-SHIFT-1): a local date and a wall-clock time of day.
// These carry no zone; time_zone.h turns them into instants.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace kefu::shifts {

using LocalDate = std::chrono::year_month_day;
// Seconds since 1970-01-01 00:00 on the shop's wall clock (not an instant).
using LocalSeconds = std::chrono::local_seconds;

LocalDate add_days(LocalDate d, int days);
LocalSeconds at(LocalDate d, std::chrono::minutes time_of_day);  // 24:00 = next midnight
LocalDate date_of(LocalSeconds t);
std::chrono::seconds time_of_day(LocalSeconds t);

// "2024-05-01" ↔ LocalDate; nullopt when malformed or not a real date.
std::optional<LocalDate> parse_date(std::string_view text);
std::string to_string(LocalDate d);

// "06:00", "22:30", "24:00" (end of day) → minutes since midnight; nullopt when malformed.
std::optional<std::chrono::minutes> parse_time_of_day(std::string_view text);
std::string format_time_of_day(std::chrono::minutes m);  // "06:00"; 1440 → "24:00"

}  // namespace kefu::shifts
