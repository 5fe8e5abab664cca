// BusLag (issue 8): how late the bus runs, from one probe in flight at a time. Times are
// passed in: nothing here waits.
#include "chat/bus_lag.h"

#include <gtest/gtest.h>

namespace kefu::chat {
namespace {

using namespace std::chrono_literals;

const BusLag::Time t0 = BusLag::Time{} + 1h;

TEST(BusLag, AProbeThatComesBackQuicklyKeepsTheBusOnTime) {
  BusLag lag{1000ms};
  ASSERT_TRUE(lag.tick(t0));
  const auto n = lag.sent(t0);
  EXPECT_FALSE(lag.tick(t0 + 1ms));  // one in flight: no second probe
  lag.seen(n, t0 + 2ms);
  EXPECT_EQ(lag.lag(), 2ms);
  EXPECT_FALSE(lag.late());
  EXPECT_TRUE(lag.tick(t0 + 100ms));
}

TEST(BusLag, AProbeStillOutPastTheLimitMakesItLateBeforeItComesBack) {
  BusLag lag{1000ms};
  lag.tick(t0);
  const auto n = lag.sent(t0);
  lag.tick(t0 + 1000ms);
  EXPECT_FALSE(lag.late()) << "at the limit, not over it";
  lag.tick(t0 + 1100ms);
  EXPECT_EQ(lag.lag(), 1100ms);
  EXPECT_TRUE(lag.late());
  // Back after 3 s: the bus stays late until a probe comes back in time...
  lag.seen(n, t0 + 3000ms);
  EXPECT_EQ(lag.lag(), 3000ms);
  EXPECT_TRUE(lag.late());
  ASSERT_TRUE(lag.tick(t0 + 3100ms));
  EXPECT_TRUE(lag.late());
  const auto next = lag.sent(t0 + 3100ms);
  lag.seen(next, t0 + 3105ms);
  // ...and is on time again at once when one does.
  EXPECT_EQ(lag.lag(), 5ms);
  EXPECT_FALSE(lag.late());
}

TEST(BusLag, OnlyTheProbeInFlightCounts) {
  BusLag lag{100ms};
  const auto first = lag.sent(t0);
  lag.lost(first);  // its PUBLISH failed
  const auto second = lag.sent(t0 + 10ms);
  EXPECT_NE(first, second);
  lag.seen(first, t0 + 500ms);  // a stray copy of the lost one: not the one in flight
  EXPECT_FALSE(lag.tick(t0 + 20ms)) << "the second is still in flight";
  EXPECT_EQ(lag.lag(), 10ms);
  lag.seen(second, t0 + 30ms);
  EXPECT_EQ(lag.lag(), 20ms);
  lag.lost(second);  // its PUBLISH's reply after it came back: nothing changes
  EXPECT_EQ(lag.lag(), 20ms);
  EXPECT_TRUE(lag.tick(t0 + 40ms));
}

TEST(BusLag, ALostProbeLeavesTheLastRoundTripAndLetsTheNextGo) {
  BusLag lag{100ms};
  const auto n = lag.sent(t0);
  lag.tick(t0 + 300ms);
  EXPECT_TRUE(lag.late());
  lag.lost(n);
  EXPECT_FALSE(lag.late()) << "nothing came back late: the wait of a lost probe is no measure";
  EXPECT_TRUE(lag.tick(t0 + 310ms));
}

TEST(BusLag, AReconnectForgetsWhatWasInFlightAndMeasured) {
  BusLag lag{100ms};
  auto n = lag.sent(t0);
  lag.seen(n, t0 + 400ms);
  n = lag.sent(t0 + 500ms);
  lag.tick(t0 + 700ms);
  ASSERT_TRUE(lag.late());
  lag.reset();
  EXPECT_FALSE(lag.late());
  EXPECT_EQ(lag.lag(), 0ms);
  EXPECT_TRUE(lag.tick(t0 + 800ms));
  lag.seen(n, t0 + 900ms);  // the old probe, if Redis still sent it: ignored
  EXPECT_EQ(lag.lag(), 0ms);
}

TEST(BusLag, AClockThatSeemsToGoBackGivesNoNegativeLag) {
  BusLag lag{100ms};
  const auto n = lag.sent(t0);
  lag.tick(t0 - 5ms);
  EXPECT_EQ(lag.lag(), 0ms);
  lag.seen(n, t0 - 5ms);
  EXPECT_EQ(lag.lag(), 0ms);
}

}  // namespace
}  // namespace kefu::chat
