#include "core/rate_limit.h"

#include <algorithm>
#include <cmath>

namespace kefu {

TokenBucket::TokenBucket(RateLimit limit, TimePoint now)
    : limit_{limit}, tokens_{limit.burst}, last_{now} {}

void TokenBucket::refill(TimePoint now) {
  // A clock set back (tests can) refills nothing rather than going negative.
  if (now <= last_) return;
  const double seconds = std::chrono::duration<double>(now - last_).count();
  tokens_ = std::min(limit_.burst, tokens_ + seconds * limit_.per_second);
  last_ = now;
}

Admission TokenBucket::take(TimePoint now) {
  refill(now);
  if (tokens_ >= 1) {
    tokens_ -= 1;
    return {};
  }
  Admission refused;
  refused.allowed = false;
  const double wait_s = limit_.per_second > 0 ? (1 - tokens_) / limit_.per_second : 3600;
  refused.retry_after = Millis{static_cast<std::int64_t>(std::ceil(wait_s * 1000))};
  return refused;
}

Admission TokenBucket::peek(TimePoint now) const {
  TokenBucket copy = *this;
  return copy.take(now);
}

bool TokenBucket::full_at(TimePoint now) const {
  if (now <= last_) return tokens_ >= limit_.burst;
  const double seconds = std::chrono::duration<double>(now - last_).count();
  return tokens_ + seconds * limit_.per_second >= limit_.burst;
}

Admission KeyedRateLimiter::take(const std::string& key, TimePoint now) {
  std::lock_guard lock{mutex_};
  if (buckets_.size() >= sweep_at_) forget_full(now);
  auto it = buckets_.try_emplace(key, limit_, now).first;
  return it->second.take(now);
}

Admission KeyedRateLimiter::peek(const std::string& key, TimePoint now) const {
  std::lock_guard lock{mutex_};
  auto it = buckets_.find(key);
  return it == buckets_.end() ? Admission{} : it->second.peek(now);
}

void KeyedRateLimiter::forget_full(TimePoint now) {
  std::erase_if(buckets_, [now](const auto& entry) { return entry.second.full_at(now); });
  // Sweep again when the map has doubled: the cost stays proportional to the inserts.
  sweep_at_ = std::max<std::size_t>(1024, buckets_.size() * 2);
}

std::size_t KeyedRateLimiter::size() const {
  std::lock_guard lock{mutex_};
  return buckets_.size();
}

}  // namespace kefu
