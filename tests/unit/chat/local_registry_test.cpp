// After a bus outage every client of the worker is told once that it may have missed events
// (issue 10), also an agent registered under two addresses (its user and its session).
#include "chat/local_registry.h"

#include <gtest/gtest.h>

namespace kefu::chat {
namespace {

struct CountingListener : BusListener {
  void deliver(const v1::ServerFrame&) override { ++delivered; }
  void missed_events() override { ++missed; }
  void retry_catch_up() override {
    ++retried;
    if (refused_again) registry->catch_up_later(self.lock());
  }
  int delivered = 0;
  int missed = 0;
  int retried = 0;
  bool refused_again = false;  // asks for another try from inside its retry
  LocalRegistry* registry = nullptr;
  std::weak_ptr<CountingListener> self;
};

TEST(LocalRegistry, MissedEventsReachEachListenerOnce) {
  LocalRegistry registry;
  auto agent = std::make_shared<CountingListener>();
  auto buyer = std::make_shared<CountingListener>();
  registry.add("shop1", "a:a1", agent);
  registry.add("shop1", "s:session-tag", agent);
  registry.add("shop1", "b:buyer-1", buyer);
  registry.missed_events();
  EXPECT_EQ(agent->missed, 1);
  EXPECT_EQ(buyer->missed, 1);
}

TEST(LocalRegistry, ListenersThatLeftAreNotTold) {
  LocalRegistry registry;
  auto gone = std::make_shared<CountingListener>();
  auto staying = std::make_shared<CountingListener>();
  registry.add("shop1", "b:buyer-1", gone);
  registry.add("shop1", "b:buyer-1", staying);  // the same buyer in a second tab
  registry.remove("shop1", "b:buyer-1", gone.get());
  registry.missed_events();
  EXPECT_EQ(gone->missed, 0);
  EXPECT_EQ(staying->missed, 1);
}

// Issue 8: a catch-up Redis refused is tried again, once per listener however often it
// asked, and the worker is asked to schedule it only when the first one asks.
TEST(LocalRegistry, RefusedCatchUpsAreRetriedOnceEach) {
  LocalRegistry registry;
  int scheduled = 0;
  registry.on_catch_up_later([&] { ++scheduled; });
  auto agent = std::make_shared<CountingListener>();
  auto buyer = std::make_shared<CountingListener>();
  auto gone = std::make_shared<CountingListener>();
  registry.catch_up_later(agent);
  registry.catch_up_later(agent);  // two conversations refused
  registry.catch_up_later(buyer);
  registry.catch_up_later(gone);
  EXPECT_EQ(scheduled, 1);
  gone.reset();  // left before the retry
  buyer->registry = &registry;
  buyer->self = buyer;
  buyer->refused_again = true;
  registry.retry_catch_ups();
  EXPECT_EQ(agent->retried, 1);
  EXPECT_EQ(buyer->retried, 1);
  EXPECT_EQ(agent->missed, 0);
  EXPECT_EQ(scheduled, 2) << "the buyer refused again must be scheduled again";
  registry.retry_catch_ups();
  EXPECT_EQ(agent->retried, 1);
  EXPECT_EQ(buyer->retried, 2);
}

}  // namespace
}  // namespace kefu::chat
