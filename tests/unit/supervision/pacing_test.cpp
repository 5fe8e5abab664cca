// R-SUP-1: a change is shown within a second, but a busy shop is recomputed at most once per
// gap, never twice at once, and a change during a recompute is not lost.
#include "supervision/pacing.h"

#include <gtest/gtest.h>

namespace kefu::supervision {
namespace {

using namespace std::chrono_literals;
const RecomputePacing::Instant t0{std::chrono::seconds{1000}};

TEST(Pacing, FirstChangeRecomputesAtOnce) {
  RecomputePacing p{250ms};
  EXPECT_EQ(p.changed(t0), t0);
}

TEST(Pacing, ChangesWhileScheduledAreOne) {
  RecomputePacing p{250ms};
  ASSERT_TRUE(p.changed(t0));
  EXPECT_FALSE(p.changed(t0 + 1ms));
  EXPECT_FALSE(p.changed(t0 + 2ms));
}

TEST(Pacing, NextRecomputeWaitsForTheGap) {
  RecomputePacing p{250ms};
  p.changed(t0);
  p.started(t0);
  EXPECT_FALSE(p.finished(t0 + 10ms));  // nothing changed meanwhile
  EXPECT_EQ(p.changed(t0 + 20ms), t0 + 250ms);
}

TEST(Pacing, ChangeDuringARecomputeRunsAnotherAfterIt) {
  RecomputePacing p{250ms};
  p.changed(t0);
  p.started(t0);
  EXPECT_FALSE(p.changed(t0 + 5ms));  // running: remembered, not scheduled twice
  EXPECT_EQ(p.finished(t0 + 400ms), t0 + 400ms);
  EXPECT_FALSE(p.changed(t0 + 401ms));  // that one is scheduled already
}

TEST(Pacing, AtMostFourASecondUnderConstantChange) {
  RecomputePacing p{250ms};
  int runs = 0;
  std::optional<RecomputePacing::Instant> at;
  for (auto now = t0; now < t0 + 1000ms; now += 1ms) {  // an event every millisecond
    if (auto next = p.changed(now)) at = next;
    if (at && now >= *at) {
      p.started(now);
      ++runs;
      at = p.finished(now);
    }
  }
  EXPECT_EQ(runs, 4);  // at 0, 250, 500 and 750 ms
}

}  // namespace
}  // namespace kefu::supervision
