#include "shifts/time_zone.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>
#include <iterator>
#include <sstream>

namespace kefu::shifts {

using namespace std::chrono;

bool is_safe_zone_name(std::string_view name) {
  if (name.empty() || name.size() > 128 || name.front() == '/' || name.back() == '/') return false;
  char prev = '/';
  for (char c : name) {
    bool ok =
        std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '+' || c == '/';
    if (!ok || (c == '/' && prev == '/')) return false;
    prev = c;
  }
  return true;
}

TimeZone::TimeZone(std::string name, TzifData data)
    : name_(std::move(name)), data_(std::move(data)) {}

std::shared_ptr<const TimeZone> TimeZone::from_tzif(std::string name, std::string_view bytes) {
  auto data = parse_tzif(bytes);
  if (!data) return nullptr;
  return std::make_shared<const TimeZone>(std::move(name), std::move(*data));
}

std::shared_ptr<const TimeZone> TimeZone::load(std::string_view name,
                                               std::string_view zoneinfo_dir) {
  if (!is_safe_zone_name(name)) return nullptr;
  std::string path = std::string(zoneinfo_dir) + "/" + std::string(name);
  std::ifstream in(path, std::ios::binary);
  if (!in) return nullptr;
  std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  return from_tzif(std::string(name), bytes);
}

std::shared_ptr<const TimeZone> TimeZone::fixed(std::string name, seconds offset) {
  TzifData d;
  d.types.push_back({static_cast<std::int32_t>(offset.count()), false});
  return std::make_shared<const TimeZone>(std::move(name), std::move(d));
}

seconds TimeZone::offset_at(std::int64_t utc) const {
  const auto& tr = data_.transitions;
  if (tr.empty() || utc < tr.front()) {
    if (tr.empty() && data_.footer) return data_.footer->utc_offset(sys_seconds{seconds{utc}});
    return seconds{data_.types.front().utc_offset_seconds};
  }
  if (utc >= tr.back() && data_.footer) {
    return data_.footer->utc_offset(sys_seconds{seconds{utc}});
  }
  auto it = std::upper_bound(tr.begin(), tr.end(), utc);
  auto idx = static_cast<std::size_t>(std::distance(tr.begin(), it) - 1);
  return seconds{data_.types[data_.type_after[idx]].utc_offset_seconds};
}

seconds TimeZone::utc_offset(TimePoint t) const {
  return offset_at(floor<seconds>(t).time_since_epoch().count());
}

LocalSeconds TimeZone::to_local(TimePoint t) const {
  auto s = floor<seconds>(t);
  return LocalSeconds{s.time_since_epoch() + utc_offset(t)};
}

TimePoint TimeZone::to_instant(LocalSeconds local) const {
  const std::int64_t l = local.time_since_epoch().count();
  // Offsets in force a day either side cover every transition near this wall time.
  const std::array<seconds, 3> tries{offset_at(l - 86400), offset_at(l), offset_at(l + 86400)};
  std::optional<std::int64_t> best;
  for (seconds off : tries) {
    std::int64_t u = l - off.count();
    if (offset_at(u) == off && (!best || u < *best)) best = u;
  }
  if (!best) best = l - tries[0].count();  // in a gap: use the offset from before it
  return TimePoint{seconds{*best}};
}

}  // namespace kefu::shifts
