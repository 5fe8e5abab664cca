#include "shifts/shift.h"

namespace kefu::shifts {

using namespace std::chrono;

minutes ShiftDefinition::length() const {
  return crosses_midnight() ? end + hours{24} - start : end - start;
}

bool ShiftDefinition::valid() const {
  return !id.empty() && start >= minutes{0} && start < hours{24} && end > minutes{0} &&
         end <= hours{24};
}

std::optional<ShiftDefinition> make_shift(std::string id, std::string name, std::string_view start,
                                          std::string_view end) {
  auto s = parse_time_of_day(start);
  auto e = parse_time_of_day(end);
  if (!s || !e) return std::nullopt;
  if (*e == minutes{0}) e = hours{24};  // "16:00–00:00" ends at midnight
  ShiftDefinition def{std::move(id), std::move(name), *s, *e};
  if (!def.valid()) return std::nullopt;
  return def;
}

ShiftInstance instance_on(const ShiftDefinition& shift, LocalDate date, const TimeZone& zone) {
  LocalSeconds local_start = at(date, shift.start);
  LocalSeconds local_end = local_start + duration_cast<seconds>(shift.length());
  return ShiftInstance{shift.id, date, zone.to_instant(local_start), zone.to_instant(local_end)};
}

}  // namespace kefu::shifts
