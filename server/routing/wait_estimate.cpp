#include "routing/wait_estimate.h"

#include <algorithm>

namespace kefu::routing {

std::optional<Millis> estimate_wait(std::span<const WaitSample> recent, int position, int window) {
  std::size_t n = std::min(recent.size(), static_cast<std::size_t>(std::max(window, 1)));
  if (n == 0 || position < 1) return std::nullopt;
  // Newest samples first (as LRANGE returns after LPUSH): average the first n.
  double per_place_ms = 0;
  for (std::size_t i = 0; i < n; ++i) {
    per_place_ms +=
        static_cast<double>(recent[i].waited.count()) / std::max(recent[i].position_at_enqueue, 1);
  }
  per_place_ms /= static_cast<double>(n);
  return Millis{static_cast<Millis::rep>(per_place_ms * position + 0.5)};
}

}  // namespace kefu::routing
