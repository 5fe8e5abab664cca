#include "histogram.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace kefu::load {

namespace {
constexpr std::uint64_t kExact = std::uint64_t{1} << Histogram::kSubBits;  // counted one by one
constexpr std::uint64_t kHalf = kExact / 2;  // buckets per power of two above kExact
// Shifts go from 1 (values in [2^kSubBits, 2^(kSubBits+1))) to 64 - kSubBits.
constexpr std::size_t kBuckets = kExact + (64 - Histogram::kSubBits) * kHalf;
}  // namespace

Histogram::Histogram() : counts_(kBuckets, 0) {}

std::size_t Histogram::bucket_of(std::uint64_t value) {
  if (value < kExact) return static_cast<std::size_t>(value);
  const int shift = std::bit_width(value) - kSubBits;  // >= 1
  // value >> shift lies in [kHalf, kExact): the position inside its power of two.
  return static_cast<std::size_t>(static_cast<std::uint64_t>(shift) * kHalf + (value >> shift));
}

std::uint64_t Histogram::bucket_low(std::size_t bucket) {
  if (bucket < kExact) return bucket;
  const std::uint64_t shift = bucket / kHalf - 1;
  const std::uint64_t sub = bucket - shift * kHalf;
  return sub << shift;
}

std::uint64_t Histogram::bucket_high(std::size_t bucket) {
  if (bucket < kExact) return bucket;
  const std::uint64_t shift = bucket / kHalf - 1;
  const std::uint64_t sub = bucket - shift * kHalf;
  // The last bucket ends at UINT64_MAX: ((sub + 1) << shift) would wrap to 0, and 0 - 1 is it.
  return ((sub + 1) << shift) - 1;
}

void Histogram::record(std::uint64_t value) {
  ++counts_[bucket_of(value)];
  ++count_;
  min_ = std::min(min_, value);
  max_ = std::max(max_, value);
  sum_ += static_cast<long double>(value);
}

void Histogram::merge(const Histogram& other) {
  for (std::size_t i = 0; i < counts_.size(); ++i) counts_[i] += other.counts_[i];
  count_ += other.count_;
  min_ = std::min(min_, other.min_);
  max_ = std::max(max_, other.max_);
  sum_ += other.sum_;
}

double Histogram::mean() const {
  return count_ ? static_cast<double>(sum_ / static_cast<long double>(count_)) : 0.0;
}

std::uint64_t Histogram::percentile(double percentile) const {
  if (count_ == 0) return 0;
  if (percentile >= 100.0) return max_;
  // The rank of the sample wanted (at least the first). 99.9 % of 100000 is 99900 even when
  // the floating-point product comes out a hair above it.
  const double exact = percentile / 100.0 * static_cast<double>(count_);
  const double nearest = std::round(exact);
  auto rank =
      static_cast<std::uint64_t>(std::abs(exact - nearest) < 1e-6 ? nearest : std::ceil(exact));
  rank = std::clamp<std::uint64_t>(rank, 1, count_);
  std::uint64_t seen = 0;
  for (std::size_t i = 0; i < counts_.size(); ++i) {
    seen += counts_[i];
    if (seen >= rank) return std::min(bucket_high(i), max_);
  }
  return max_;
}

}  // namespace kefu::load
