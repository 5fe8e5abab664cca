// R-ROUTE-7 (queue: FIFO, position, estimated wait, drain), R-ROUTE-8 (priority).
#include <gtest/gtest.h>

#include "routing/drain.h"
#include "shop_fixture.h"

namespace kefu::routing {
namespace {

using namespace std::chrono;
using testing::ids;
using testing::sh;

QueueEntry live(const std::string& id, TimePoint at, int priority = 0) {
  return QueueEntry{id, "presale", EntryKind::kLive, priority, at, std::nullopt};
}

TEST(Routing, R_ROUTE_7_NoEligibleAgentQueuesFirstComeFirstServed) {
  testing::Shop shop;
  auto now = sh(2024, 5, 1, 10, 0);
  shop.add("a", "presale", now, "early", 8);
  auto d = route_conversation(shop.view(), testing::request("c1"), now);
  EXPECT_EQ(d.outcome, Outcome::kQueue);
  EXPECT_TRUE(d.candidates.empty());
  auto entry = d.queue_entry(std::nullopt);
  EXPECT_EQ(entry.kind, EntryKind::kLive);
  EXPECT_EQ(entry.group, "presale");
  EXPECT_EQ(entry.enqueued_at, now);

  std::vector<QueueEntry> q{live("third", now + seconds{2}), live("first", now),
                            live("second", now + seconds{1})};
  sort_queue(q);
  EXPECT_EQ(q[0].conversation_id, "first");
  EXPECT_EQ(q[1].conversation_id, "second");
  EXPECT_EQ(q[2].conversation_id, "third");
  EXPECT_EQ(position_of(q, "second"), 2);
  EXPECT_FALSE(position_of(q, "gone"));
  // The ZSET score keeps the same order.
  EXPECT_LT(queue_score(q[0]), queue_score(q[1]));
  EXPECT_LT(queue_score(q[1]), queue_score(q[2]));
}

TEST(Routing, R_ROUTE_7_PositionAndEstimatedWaitFromRecentWaits) {
  auto now = sh(2024, 5, 1, 10, 0);
  std::vector<QueueEntry> q{live("a", now), live("b", now + seconds{1}),
                            live("c", now + seconds{2})};
  // No history yet: position only.
  auto st = queue_status(q, "c", {});
  ASSERT_TRUE(st);
  EXPECT_EQ(st->position, 3);
  EXPECT_FALSE(st->estimated_wait);
  // Recent waits: 60 s at place 1, 120 s at place 2 → 60 s per place on average.
  std::vector<WaitSample> waits{{seconds{60}, 1}, {seconds{120}, 2}};
  st = queue_status(q, "c", waits);
  EXPECT_EQ(st->estimated_wait, Millis{180000});
  // Only the newest samples count (moving average over the window).
  std::vector<WaitSample> many(kWaitSamples, WaitSample{seconds{30}, 1});
  many.push_back({minutes{30}, 1});  // older than the window
  EXPECT_EQ(estimate_wait(many, 2), Millis{60000});
}

TEST(Routing, R_ROUTE_7_DrainsFifoWhenTwoAgentsComeOnlineAtOnce) {
  testing::Shop shop;
  auto now = sh(2024, 5, 1, 10, 0);
  shop.add("a", "presale", now, "early", 0).capacity = 2;
  shop.add("b", "presale", now, "early", 0).capacity = 1;
  std::vector<QueueEntry> q;
  for (int i = 0; i < 5; ++i) {
    q.push_back(live("q" + std::to_string(i), now - minutes{10 - i}));
  }
  std::reverse(q.begin(), q.end());  // arrival order is restored by the plan
  auto plan = plan_drain(shop.view(), "presale", q, now);
  ASSERT_EQ(plan.size(), 3u);  // three free slots in total
  EXPECT_EQ(plan[0].conversation_id, "q0");
  EXPECT_EQ(plan[1].conversation_id, "q1");
  EXPECT_EQ(plan[2].conversation_id, "q2");
  EXPECT_EQ(plan[0].candidates[0].agent_id, "a");
  EXPECT_EQ(plan[1].candidates[0].agent_id, "b");                     // a is 1/2 now, b 0/1
  EXPECT_EQ(ids(plan[2].candidates), std::vector<std::string>{"a"});  // b is full
}

TEST(Routing, R_ROUTE_8_PriorityFirstThenFifo) {
  PriorityPolicy p;
  EXPECT_EQ(priority_for({}, p), 0);
  EXPECT_EQ(priority_for({.complaint = false, .vip = false, .new_customer = true}, p), 1);
  EXPECT_EQ(priority_for({.complaint = true, .vip = true, .new_customer = true}, p), 3);
  auto now = sh(2024, 5, 1, 10, 0);
  std::vector<QueueEntry> q{live("normal_early", now), live("vip", now + seconds{5}, 2),
                            live("complaint", now + seconds{9}, 3),
                            live("vip_earlier", now + seconds{1}, 2)};
  sort_queue(q);
  std::vector<std::string> order;
  for (const auto& e : q) order.push_back(e.conversation_id);
  EXPECT_EQ(order, (std::vector<std::string>{"complaint", "vip_earlier", "vip", "normal_early"}));
  for (std::size_t i = 1; i < q.size(); ++i) EXPECT_LT(queue_score(q[i - 1]), queue_score(q[i]));

  // The decision carries the priority into the queue entry.
  testing::Shop shop;
  auto req = testing::request("c1");
  req.flags.complaint = true;
  shop.add("busy", "presale", now, "early", 8);
  auto d = route_conversation(shop.view(), req, now);
  EXPECT_EQ(d.queue_entry(std::nullopt).priority, 3);
}

}  // namespace
}  // namespace kefu::routing
