#include "ack_tracker.h"

#include "clock.h"

namespace kefu::load {

void AckTracker::sent(std::string request_id, std::int64_t intended_ns) {
  pending_.emplace(std::move(request_id), intended_ns);
  stats_.add(Count::kSent);
}

bool AckTracker::on_ack(const std::string& request_id, bool duplicate) {
  auto it = pending_.find(request_id);
  if (it == pending_.end()) return false;
  stats_.add(Count::kAcked);
  if (duplicate) stats_.add(Count::kDuplicateAcks);
  stats_.record(Latency::kAck, it->second, now_ns());
  pending_.erase(it);
  return true;
}

bool AckTracker::on_error(const std::string& request_id, bool retryable) {
  auto it = pending_.find(request_id);
  if (it == pending_.end()) return false;
  stats_.add(retryable ? Count::kRefused : Count::kErrors);
  pending_.erase(it);
  return true;
}

}  // namespace kefu::load
