#pragma once
// When to recompute a shop's dashboard: soon after a change (within a second, R-SUP-1), but at
// most once per min_gap however many events arrive (a busy shop publishes hundreds a second),
// and never two at once. Pure: the instants come from the caller's steady clock.
#include <chrono>
#include <optional>

namespace kefu::supervision {

class RecomputePacing {
 public:
  using Instant = std::chrono::steady_clock::time_point;
  explicit RecomputePacing(std::chrono::milliseconds min_gap) : min_gap_{min_gap} {}

  // Something changed at `now`: when to start the recompute, or nothing when one is already
  // scheduled or running (a running one is followed by another once it finishes).
  std::optional<Instant> changed(Instant now);
  // The scheduled recompute starts.
  void started(Instant now);
  // It finished: when to start the next (a change came while it ran), or nothing.
  std::optional<Instant> finished(Instant now);

 private:
  Instant earliest(Instant now) const;

  std::chrono::milliseconds min_gap_;
  bool scheduled_ = false;
  bool running_ = false;
  bool dirty_ = false;  // changed while running
  std::optional<Instant> last_start_;
};

}  // namespace kefu::supervision
