// R-SUP-1: the queue chart's samples: one per group per minute, stored as text members.
#include "supervision/queue_samples.h"

#include <gtest/gtest.h>

namespace kefu::supervision {
namespace {

TEST(QueueSamples, MinuteIsTheStartOfTheMinute) {
  EXPECT_EQ(sample_minute(1'790'000'059'999), 1'790'000'040'000);
  EXPECT_EQ(sample_minute(120'000), 120'000);
  EXPECT_EQ(sample_minute(179'999), 120'000);
}

TEST(QueueSamples, OnePerGroupWithTheLongestWaitAtTheMinute) {
  v1::DashboardUpdate d;
  auto* g = d.add_groups();
  g->set_group("presale");
  g->set_queued(3);
  g->set_oldest_queued_at_ms(100'000);
  g->set_in_progress(4);
  d.add_groups()->set_group("aftersale");
  const auto samples = samples_of(d, 160'000);
  ASSERT_EQ(samples.size(), 2u);
  EXPECT_EQ(samples[0].group(), "presale");
  EXPECT_EQ(samples[0].at_ms(), 160'000);
  EXPECT_EQ(samples[0].queued(), 3);
  EXPECT_EQ(samples[0].longest_wait_ms(), 60'000);
  EXPECT_EQ(samples[0].in_progress(), 4);
  EXPECT_EQ(samples[1].longest_wait_ms(), 0);  // nobody waiting
}

TEST(QueueSamples, EncodedAndDecodedBack) {
  v1::QueueSample s;
  s.set_at_ms(1'790'000'040'000);
  s.set_group("presale");
  s.set_queued(2);
  s.set_longest_wait_ms(12'345);
  s.set_in_progress(7);
  const auto back = decode_sample(encode_sample(s));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->SerializeAsString(), s.SerializeAsString());
}

TEST(QueueSamples, MalformedMembersAreRefused) {
  EXPECT_FALSE(decode_sample(""));
  EXPECT_FALSE(decode_sample("1|presale|2|3"));
  EXPECT_FALSE(decode_sample("1|presale|2|3|4|5"));
  EXPECT_FALSE(decode_sample("x|presale|2|3|4"));
  EXPECT_FALSE(decode_sample("1|presale||3|4"));
}

}  // namespace
}  // namespace kefu::supervision
