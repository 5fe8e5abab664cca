#pragma once
// Open-loop arrivals: the i-th event is due at start + i / rate whether or not earlier ones
// were answered, and it carries that intended time. A stalled server or generator therefore
// shows up as latency (measured from the intended time) rather than as a quietly lower offered
// rate: no coordinated omission. Ticks are at least kMinTickNs apart; each fires all that is due.
#include <atomic>
#include <cstdint>
#include <functional>

#include "worker.h"

namespace kefu::load {

class Pacer {
 public:
  static constexpr std::int64_t kMinTickNs = 100'000;  // 0.1 ms

  // fire(intended_ns, index) for each event in [start_ns, end_ns); runs on `worker`.
  using Fire = std::function<void(std::int64_t intended_ns, std::uint64_t index)>;
  Pacer(Worker& worker, double rate_per_s, std::int64_t start_ns, std::int64_t end_ns, Fire fire);

  void start();  // on the worker's thread
  // Both may be read from any thread.
  std::uint64_t fired() const { return fired_.load(std::memory_order_relaxed); }
  bool finished() const { return finished_.load(std::memory_order_relaxed); }

 private:
  std::int64_t due(std::uint64_t index) const;
  void tick();

  Worker& worker_;
  double interval_ns_;
  std::int64_t start_ns_;
  std::int64_t end_ns_;
  Fire fire_;
  std::uint64_t next_ = 0;
  std::atomic<std::uint64_t> fired_{0};
  std::atomic<bool> finished_{false};
};

}  // namespace kefu::load
