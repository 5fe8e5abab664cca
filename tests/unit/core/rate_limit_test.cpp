// Token buckets against floods (issue 10): time is moved, never waited for.
#include <gtest/gtest.h>

#include "core/rate_limit.h"

namespace kefu {
namespace {

const TimePoint t0 = from_ms(1'700'000'000'000);

TEST(TokenBucket, AllowsTheBurstThenRefusesWithAWait) {
  TokenBucket bucket{RateLimit{2, 5}, t0};
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(bucket.take(t0).allowed) << i;
  Admission refused = bucket.take(t0);
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.retry_after, Millis{500});  // 2 per second: the next token in 0.5 s
}

TEST(TokenBucket, RefillsAtTheRateUpToTheBurst) {
  TokenBucket bucket{RateLimit{2, 5}, t0};
  for (int i = 0; i < 5; ++i) bucket.take(t0);
  EXPECT_FALSE(bucket.take(t0 + Millis{499}).allowed);
  EXPECT_TRUE(bucket.take(t0 + Millis{500}).allowed);
  EXPECT_FALSE(bucket.take(t0 + Millis{500}).allowed);
  // A long quiet spell gives back the burst, no more.
  const TimePoint later = t0 + std::chrono::hours{1};
  EXPECT_TRUE(bucket.full_at(later));
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(bucket.take(later).allowed) << i;
  EXPECT_FALSE(bucket.take(later).allowed);
}

TEST(TokenBucket, AClockSetBackRefillsNothing) {
  TokenBucket bucket{RateLimit{1, 1}, t0};
  EXPECT_TRUE(bucket.take(t0).allowed);
  EXPECT_FALSE(bucket.take(t0 - std::chrono::hours{1}).allowed);
  EXPECT_TRUE(bucket.take(t0 + Millis{1000}).allowed);
}

TEST(TokenBucket, PeekTellsWithoutTaking) {
  TokenBucket bucket{RateLimit{1, 1}, t0};
  EXPECT_TRUE(bucket.peek(t0).allowed);
  EXPECT_TRUE(bucket.peek(t0).allowed);
  EXPECT_TRUE(bucket.take(t0).allowed);
  EXPECT_FALSE(bucket.peek(t0).allowed);
  EXPECT_EQ(bucket.peek(t0).retry_after, Millis{1000});
}

TEST(KeyedRateLimiter, KeysHaveTheirOwnBuckets) {
  KeyedRateLimiter limiter{RateLimit{1, 2}};
  EXPECT_TRUE(limiter.take("shop1/b1", t0).allowed);
  EXPECT_TRUE(limiter.take("shop1/b1", t0).allowed);
  EXPECT_FALSE(limiter.take("shop1/b1", t0).allowed);
  EXPECT_TRUE(limiter.take("shop1/b2", t0).allowed);
  EXPECT_TRUE(limiter.take("shop2/b1", t0).allowed);
}

TEST(KeyedRateLimiter, ForgetsBucketsThatFilledUpAgain) {
  KeyedRateLimiter limiter{RateLimit{1, 2}};
  for (int i = 0; i < 1024; ++i) limiter.take("buyer-" + std::to_string(i), t0);
  EXPECT_EQ(limiter.size(), 1024u);
  // Ten seconds later every one of them is full again: the next insert sweeps them away.
  limiter.take("late", t0 + std::chrono::seconds{10});
  EXPECT_EQ(limiter.size(), 1u);
  // A bucket still drained is kept (its history still limits the buyer).
  KeyedRateLimiter busy{RateLimit{1, 2}};
  for (int i = 0; i < 3; ++i) busy.take("flooder", t0);
  for (int i = 0; i < 1023; ++i)
    busy.take("quiet-" + std::to_string(i), t0 - std::chrono::hours{1});
  busy.take("late", t0);
  EXPECT_FALSE(busy.take("flooder", t0).allowed);
}

}  // namespace
}  // namespace kefu
