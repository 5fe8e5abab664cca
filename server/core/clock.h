#pragma once
// The injected clock (DESIGN.md: time is injected). Domain code takes a Clock& or a time
// value; only app/ creates the SystemClock. Tests use ManualClock and never sleep.
#include <atomic>
#include <chrono>
#include <cstdint>

namespace kefu {

using TimePoint = std::chrono::system_clock::time_point;
using Millis = std::chrono::milliseconds;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint now() const = 0;
  std::int64_t now_ms() const;
};

class SystemClock final : public Clock {
 public:
  TimePoint now() const override;
};

// A clock that moves only when told: for tests.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(TimePoint start = TimePoint{});
  TimePoint now() const override;
  void set(TimePoint t);
  void advance(std::chrono::milliseconds d);

 private:
  std::atomic<std::int64_t> ms_;
};

// The system clock moved by an offset that can be changed at run time: what kefu-server uses
// under --test-clock, so end-to-end tests can put the server at 21:59 or ten minutes later
// without waiting. The offset starts at zero: without --test-clock it is never changed.
class OffsetClock final : public Clock {
 public:
  TimePoint now() const override;
  void set(TimePoint t);                      // now() == t from this moment on
  void advance(std::chrono::milliseconds d);  // moves the offset forward

 private:
  std::atomic<std::int64_t> offset_ms_{0};
};

std::int64_t to_ms(TimePoint t);
TimePoint from_ms(std::int64_t ms);

}  // namespace kefu
