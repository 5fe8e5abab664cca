// Issue 9: the pieces of a drain that need no sockets: each client's reconnect wait, and the
// per-worker set of WebSockets a drain goes through.
#include "net/drain.h"

#include <gtest/gtest.h>

#include <random>
#include <set>

namespace kefu::net {
namespace {

TEST(ReconnectAfter, StaysWithinTheSpreadAndSpreadsClientsOut) {
  DrainNotice notice;
  notice.min_reconnect_ms = 250;
  notice.reconnect_spread_ms = 1500;
  std::minstd_rand random{42};
  std::set<std::uint32_t> seen;
  for (int i = 0; i < 1000; ++i) {
    const std::uint32_t wait = reconnect_after_ms(notice, random);
    EXPECT_GE(wait, 250u);
    EXPECT_LE(wait, 1750u);
    seen.insert(wait);
  }
  // A thousand clients do not come back in a handful of instants.
  EXPECT_GT(seen.size(), 400u);
}

TEST(ReconnectAfter, NoSpreadIsTheMinimum) {
  DrainNotice notice;
  notice.min_reconnect_ms = 100;
  notice.reconnect_spread_ms = 0;
  std::minstd_rand random{1};
  EXPECT_EQ(reconnect_after_ms(notice, random), 100u);
}

class FakeSession final : public DrainableSession {
 public:
  void begin_drain(const DrainNotice&) override { ++told; }
  void close_when_flushed() override { ++closed; }
  int told = 0;
  int closed = 0;
};

TEST(LiveSessions, ReachesTheSessionsStillOpenOnly) {
  LiveSessions sessions;
  auto a = std::make_shared<FakeSession>();
  auto b = std::make_shared<FakeSession>();
  sessions.add(a);
  sessions.add(b);
  {
    auto gone = std::make_shared<FakeSession>();
    sessions.add(gone);
  }
  DrainNotice notice;
  EXPECT_EQ(sessions.for_each([&](DrainableSession& s) { s.begin_drain(notice); }), 2u);
  b.reset();
  EXPECT_EQ(sessions.for_each([](DrainableSession& s) { s.close_when_flushed(); }), 1u);
  EXPECT_EQ(a->told, 1);
  EXPECT_EQ(a->closed, 1);
}

TEST(LiveSessions, ManyShortConnectionsDoNotPileUp) {
  LiveSessions sessions;
  auto kept = std::make_shared<FakeSession>();
  sessions.add(kept);
  for (int i = 0; i < 100000; ++i) sessions.add(std::make_shared<FakeSession>());
  EXPECT_LT(sessions.held(), 200u);
  EXPECT_EQ(sessions.for_each([](DrainableSession&) {}), 1u);
}

}  // namespace
}  // namespace kefu::net
