#pragma once
// Test helpers: instants written as Asia/Shanghai wall-clock times.
#include <gtest/gtest.h>

#include "shifts/presets.h"
#include "shifts/schedule.h"
#include "shifts/time_zone.h"

namespace kefu::shifts::testing {

inline std::shared_ptr<const TimeZone> shanghai() {
  static auto zone = TimeZone::load("Asia/Shanghai");
  return zone;
}

inline LocalDate date(int y, unsigned m, unsigned d) {
  return LocalDate{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

// y-m-d hh:mm in the shop's zone.
inline TimePoint local(const TimeZone& zone, int y, unsigned m, unsigned d, int hh, int mm) {
  return zone.to_instant(at(date(y, m, d), std::chrono::hours{hh} + std::chrono::minutes{mm}));
}
inline TimePoint sh(int y, unsigned m, unsigned d, int hh, int mm) {
  return local(*shanghai(), y, m, d, hh, mm);
}

// A schedule in Shanghai with the default 24-hour preset (早班/中班/夜班).
inline ShopSchedule three_shift_schedule() {
  ShopSchedule s;
  s.zone = shanghai();
  s.add_shifts(default_preset().shifts);
  return s;
}

}  // namespace kefu::shifts::testing
