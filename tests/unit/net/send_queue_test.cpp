// Issue 8: a connection's write queue keeps the frames' order and holds nothing once it is
// empty.
#include "net/send_queue.h"

#include <gtest/gtest.h>

#include <string>

namespace kefu::net {
namespace {

TEST(SendQueue, FramesComeOutInTheOrderTheyWentIn) {
  SendQueue q;
  EXPECT_TRUE(q.empty());
  q.push({"a", true});
  q.push({"b", false});
  q.push({"c", true});
  EXPECT_EQ(q.size(), 3u);
  EXPECT_EQ(q.take().bytes, "a");
  q.push({"d", false});
  const OutgoingFrame b = q.take();
  EXPECT_EQ(b.bytes, "b");
  EXPECT_FALSE(b.text);
  EXPECT_EQ(q.take().bytes, "c");
  EXPECT_EQ(q.take().bytes, "d");
  EXPECT_TRUE(q.empty());
  EXPECT_EQ(q.size(), 0u);
}

TEST(SendQueue, AnEmptyQueueHoldsNoMemoryAfterABurst) {
  SendQueue q;
  EXPECT_EQ(q.capacity(), 0u);  // a new connection's queue allocates nothing
  for (int i = 0; i < 100; ++i) q.push({std::string(100, 'x'), false});
  while (!q.empty()) q.take();
  EXPECT_EQ(q.capacity(), 0u);
}

TEST(SendQueue, AFewFramesKeepTheirSlotsForTheNext) {
  SendQueue q;
  q.push({"one", false});
  q.push({"two", false});
  while (!q.empty()) q.take();
  // One or two frames at a time is the busy connection's usual: no allocation per frame.
  EXPECT_GT(q.capacity(), 0u);
  EXPECT_LE(q.capacity(), SendQueue::kKeptCapacity);
}

TEST(SendQueue, AQueueThatNeverEmptiesStaysSmall) {
  // A busy connection: a frame arrives while each is written, so one always waits.
  SendQueue q;
  q.push({"0", false});
  for (int i = 1; i <= 10000; ++i) {
    q.push({std::to_string(i), false});
    EXPECT_EQ(q.take().bytes, std::to_string(i - 1));
  }
  EXPECT_EQ(q.size(), 1u);
  EXPECT_LE(q.capacity(), 4 * SendQueue::kKeptCapacity);  // not a slot per frame ever sent
  EXPECT_EQ(q.take().bytes, "10000");
}

TEST(SendQueue, ClearDropsWhatWaits) {
  SendQueue q;
  q.push({"a", false});
  q.push({"b", false});
  q.clear();
  EXPECT_TRUE(q.empty());
  q.push({"c", false});
  EXPECT_EQ(q.take().bytes, "c");
}

}  // namespace
}  // namespace kefu::net
