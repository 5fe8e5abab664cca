#include "histogram.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>

namespace kefu::load {
namespace {

TEST(LoadHistogram, SmallValuesAreExact) {
  Histogram h;
  for (std::uint64_t v = 1; v <= 100; ++v) h.record(v);
  EXPECT_EQ(h.count(), 100u);
  EXPECT_EQ(h.min(), 1u);
  EXPECT_EQ(h.max(), 100u);
  EXPECT_EQ(h.percentile(50), 50u);
  EXPECT_EQ(h.percentile(99), 99u);
  EXPECT_EQ(h.percentile(100), 100u);
  EXPECT_DOUBLE_EQ(h.mean(), 50.5);
}

TEST(LoadHistogram, BucketsAreContiguousAndTight) {
  // Every bucket starts right after the one before, and spans at most 1/128 of its values.
  for (std::size_t b = 1; b < 7424; ++b) {
    ASSERT_EQ(Histogram::bucket_low(b), Histogram::bucket_high(b - 1) + 1) << b;
    const std::uint64_t low = Histogram::bucket_low(b);
    const std::uint64_t width = Histogram::bucket_high(b) - low + 1;
    ASSERT_LE(width * 128, low < 256 ? 128 : low) << b;
  }
  EXPECT_EQ(Histogram::bucket_high(7423), UINT64_MAX);
  EXPECT_EQ(Histogram::bucket_of(UINT64_MAX), 7423u);
}

TEST(LoadHistogram, ValuesFallInTheirBucket) {
  std::mt19937_64 rng(42);
  for (int i = 0; i < 100000; ++i) {
    const std::uint64_t v = rng() >> (rng() % 64);
    const std::size_t b = Histogram::bucket_of(v);
    ASSERT_LE(Histogram::bucket_low(b), v);
    ASSERT_GE(Histogram::bucket_high(b), v);
  }
}

TEST(LoadHistogram, PercentilesOfALatencyLikeDistributionAreWithinOnePercent) {
  // 99 % of samples at 1 ms, 0.9 % at 10 ms, 0.1 % at 100 ms (in ns).
  Histogram h;
  for (int i = 0; i < 99000; ++i) h.record(1'000'000);
  for (int i = 0; i < 900; ++i) h.record(10'000'000);
  for (int i = 0; i < 100; ++i) h.record(100'000'000);
  EXPECT_NEAR(static_cast<double>(h.percentile(50)), 1e6, 1e4);
  EXPECT_NEAR(static_cast<double>(h.percentile(99)), 1e6, 1e4);
  EXPECT_NEAR(static_cast<double>(h.percentile(99.5)), 1e7, 1e5);
  EXPECT_NEAR(static_cast<double>(h.percentile(99.9)), 1e7, 1e5);
  EXPECT_NEAR(static_cast<double>(h.percentile(99.95)), 1e8, 1e6);
  EXPECT_EQ(h.max(), 100'000'000u);
  // Never below the true value: a percentile is its bucket's highest value.
  EXPECT_GE(h.percentile(50), 1'000'000u);
}

TEST(LoadHistogram, MergeAddsSamples) {
  Histogram a, b;
  a.record(5);
  b.record(7'000'000);
  b.record(3);
  a.merge(b);
  EXPECT_EQ(a.count(), 3u);
  EXPECT_EQ(a.min(), 3u);
  EXPECT_EQ(a.max(), 7'000'000u);
  Histogram empty;
  a.merge(empty);
  EXPECT_EQ(a.min(), 3u);
}

TEST(LoadHistogram, EmptyIsZero) {
  Histogram h;
  EXPECT_EQ(h.percentile(99), 0u);
  EXPECT_EQ(h.max(), 0u);
  EXPECT_EQ(h.min(), 0u);
  EXPECT_EQ(h.mean(), 0.0);
}

}  // namespace
}  // namespace kefu::load
