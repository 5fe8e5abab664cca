#include "core/clock.h"

namespace kefu {

TimePoint OffsetClock::now() const {
  return std::chrono::system_clock::now() + Millis{offset_ms_.load(std::memory_order_relaxed)};
}

void OffsetClock::set(TimePoint t) {
  offset_ms_.store(to_ms(t) - to_ms(std::chrono::system_clock::now()), std::memory_order_relaxed);
}

void OffsetClock::advance(std::chrono::milliseconds d) {
  offset_ms_.fetch_add(d.count(), std::memory_order_relaxed);
}

std::int64_t to_ms(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

TimePoint from_ms(std::int64_t ms) { return TimePoint{std::chrono::milliseconds{ms}}; }

std::int64_t Clock::now_ms() const { return to_ms(now()); }

TimePoint SystemClock::now() const { return std::chrono::system_clock::now(); }

ManualClock::ManualClock(TimePoint start) : ms_{to_ms(start)} {}

TimePoint ManualClock::now() const { return from_ms(ms_.load()); }

void ManualClock::set(TimePoint t) { ms_.store(to_ms(t)); }

void ManualClock::advance(std::chrono::milliseconds d) { ms_.fetch_add(d.count()); }

}  // namespace kefu
