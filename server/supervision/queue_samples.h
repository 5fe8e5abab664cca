#pragma once
// The queue chart's points (R-SUP-1): one sample per group per minute, kept 6 hours. Stored in
// Redis as members of one sorted set per shop, scored by the minute, so every worker and node
// may offer the minute's sample and the first one wins.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kefu/v1/frames.pb.h"

namespace kefu::supervision {

inline constexpr std::int64_t kSampleEveryMs = 60'000;
inline constexpr std::int64_t kSamplesKeptMs = 6LL * 60 * 60 * 1000;

// The start of the minute `now_ms` falls in.
std::int64_t sample_minute(std::int64_t now_ms);

// The samples of each group of the dashboard, taken at `minute_ms`.
std::vector<v1::QueueSample> samples_of(const v1::DashboardUpdate& dashboard,
                                        std::int64_t minute_ms);

// "at|group|queued|longest_wait_ms|in_progress" and back (nothing when malformed).
std::string encode_sample(const v1::QueueSample& s);
std::optional<v1::QueueSample> decode_sample(std::string_view member);

}  // namespace kefu::supervision
