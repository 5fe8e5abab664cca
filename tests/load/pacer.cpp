#include "pacer.h"

#include <algorithm>

#include "clock.h"

namespace kefu::load {

Pacer::Pacer(Worker& worker, double rate_per_s, std::int64_t start_ns, std::int64_t end_ns,
             Fire fire)
    : worker_{worker},
      interval_ns_{rate_per_s > 0 ? 1e9 / rate_per_s : 0},
      start_ns_{start_ns},
      end_ns_{end_ns},
      fire_{std::move(fire)} {}

std::int64_t Pacer::due(std::uint64_t index) const {
  return start_ns_ + static_cast<std::int64_t>(static_cast<double>(index) * interval_ns_);
}

void Pacer::start() {
  if (interval_ns_ <= 0) {
    finished_.store(true);
    return;
  }
  worker_.at(start_ns_, [this] { tick(); });
}

void Pacer::tick() {
  const std::int64_t now = now_ns();
  while (due(next_) <= now && due(next_) < end_ns_) {
    const std::uint64_t index = next_++;
    fire_(due(index), index);
  }
  fired_.store(next_, std::memory_order_relaxed);
  const std::int64_t next = due(next_);
  if (next >= end_ns_) {
    finished_.store(true);
    return;
  }
  worker_.at(std::max(next, now + kMinTickNs), [this] { tick(); });
}

}  // namespace kefu::load
