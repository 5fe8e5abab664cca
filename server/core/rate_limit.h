#pragma once
// Token buckets for floods (issue 10): a client may send `per_second` requests on average and
// `burst` at once. Pure: the caller passes the time (the injected clock), so tests move time
// instead of waiting for it.
#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/clock.h"

namespace kefu {

struct RateLimit {
  double per_second = 20;
  double burst = 60;
};

// Whether a request may go now, and if not, how long until it may.
struct Admission {
  bool allowed = true;
  Millis retry_after{0};
};

class TokenBucket {
 public:
  explicit TokenBucket(RateLimit limit, TimePoint now);
  Admission take(TimePoint now);
  // What take() would say, without taking.
  Admission peek(TimePoint now) const;
  // Full again at `now`: nothing of the bucket's history matters any more.
  bool full_at(TimePoint now) const;

 private:
  void refill(TimePoint now);
  RateLimit limit_;
  double tokens_;
  TimePoint last_;
};

// One bucket per key (a buyer of a shop) shared by every worker thread of this node, so a
// buyer gets no more by opening more connections. Buckets that have filled up again are
// forgotten, so memory follows the number of buyers active in the last few seconds.
class KeyedRateLimiter {
 public:
  explicit KeyedRateLimiter(RateLimit limit) : limit_{limit} {}
  Admission take(const std::string& key, TimePoint now);
  Admission peek(const std::string& key, TimePoint now) const;
  std::size_t size() const;

 private:
  void forget_full(TimePoint now);
  RateLimit limit_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, TokenBucket> buckets_;
  std::size_t sweep_at_ = 1024;  // the map size that triggers the next sweep
};

}  // namespace kefu
