#pragma once
// A log-bucketed latency histogram in the manner of HdrHistogram: values below 2^kSubBits are
// counted exactly; above, each power-of-two range is cut into 2^(kSubBits-1) equal buckets, so
// every recorded value is known to within 1/2^(kSubBits-1) of itself (0.8 % with 8 bits)
// whatever its magnitude, in a fixed array and without allocating per sample.
#include <cstdint>
#include <vector>

namespace kefu::load {

class Histogram {
 public:
  static constexpr int kSubBits = 8;

  Histogram();

  void record(std::uint64_t value);
  // Adds every sample of `other` (per-thread histograms merged for the report).
  void merge(const Histogram& other);

  std::uint64_t count() const { return count_; }
  std::uint64_t min() const { return count_ ? min_ : 0; }
  std::uint64_t max() const { return max_; }
  double mean() const;
  // The value at or below which `percentile` % of the samples lie (0 < percentile <= 100),
  // as the highest value of its bucket (never below the true value); 0 when empty. 100 gives
  // the exact maximum.
  std::uint64_t percentile(double percentile) const;

  // Bucket arithmetic, public for the unit test.
  static std::size_t bucket_of(std::uint64_t value);
  static std::uint64_t bucket_low(std::size_t bucket);
  static std::uint64_t bucket_high(std::size_t bucket);

 private:
  std::vector<std::uint64_t> counts_;
  std::uint64_t count_ = 0;
  std::uint64_t min_ = UINT64_MAX;
  std::uint64_t max_ = 0;
  long double sum_ = 0;
};

}  // namespace kefu::load
