#pragma once
// R-ROUTE-7: the buyer's estimated wait, from a moving average of recent waits. Each served
// entry leaves a sample (how long it waited, and its position when it joined); the average
// wait per place, times the buyer's position, is the estimate. The I/O layer keeps the last N
// samples per group (e.g. LPUSH + LTRIM).
#include <optional>
#include <span>

#include "core/clock.h"

namespace kefu::routing {

struct WaitSample {
  Millis waited{0};
  int position_at_enqueue = 1;
};

inline constexpr int kWaitSamples = 20;  // samples the average runs over

// nullopt while there is no history: the buyer is shown their position only.
std::optional<Millis> estimate_wait(std::span<const WaitSample> recent, int position,
                                    int window = kWaitSamples);

}  // namespace kefu::routing
