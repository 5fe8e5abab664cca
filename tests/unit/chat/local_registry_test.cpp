// After a bus outage every client of the worker is told once that it may have missed events
// (issue 10), also an agent registered under two addresses (its user and its session).
#include "chat/local_registry.h"

#include <gtest/gtest.h>

namespace kefu::chat {
namespace {

struct CountingListener : BusListener {
  void deliver(const v1::ServerFrame&) override { ++delivered; }
  void missed_events() override { ++missed; }
  int delivered = 0;
  int missed = 0;
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

}  // namespace
}  // namespace kefu::chat
