#include "supervision/pacing.h"

#include <algorithm>

namespace kefu::supervision {

RecomputePacing::Instant RecomputePacing::earliest(Instant now) const {
  return last_start_ ? std::max(now, *last_start_ + min_gap_) : now;
}

std::optional<RecomputePacing::Instant> RecomputePacing::changed(Instant now) {
  if (running_) {
    dirty_ = true;
    return std::nullopt;
  }
  if (scheduled_) return std::nullopt;
  scheduled_ = true;
  return earliest(now);
}

void RecomputePacing::started(Instant now) {
  scheduled_ = false;
  running_ = true;
  dirty_ = false;
  last_start_ = now;
}

std::optional<RecomputePacing::Instant> RecomputePacing::finished(Instant now) {
  running_ = false;
  if (!dirty_) return std::nullopt;
  dirty_ = false;
  scheduled_ = true;
  return earliest(now);
}

}  // namespace kefu::supervision
