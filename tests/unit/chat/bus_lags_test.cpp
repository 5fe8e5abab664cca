// BusLags (issue 8 on a Redis Cluster): a bus measure per Redis node, each shop judged by the
// node that serves it now. Times are passed in: nothing here waits.
#include "chat/bus_lags.h"

#include <gtest/gtest.h>

namespace kefu::chat {
namespace {

using namespace std::chrono_literals;

const BusLag::Time kStart = BusLag::Time{} + 1h;

// Sends the node's probe at kStart and lets it wait `out` without coming back.
void hold_probe(BusLags::Node& node, BusLag::Duration out) {
  ASSERT_TRUE(node.lag.tick(kStart));
  node.lag.sent(kStart);
  node.lag.tick(kStart + out);
}

TEST(BusLags, NothingIsJudgedBeforeTheShopsArePlaced) {
  BusLags lags({"west", "east"}, 1000ms);
  EXPECT_EQ(lags.lag_for("west"), nullptr);
  EXPECT_TRUE(lags.nodes().empty());
}

TEST(BusLags, OneRedisIsTimedThroughTheFirstShopForEveryShop) {
  BusLags lags({"west", "south", "east"}, 1000ms);
  ASSERT_TRUE(lags.place({"", "", ""}));
  ASSERT_EQ(lags.nodes().size(), 1u);
  EXPECT_EQ(lags.nodes()[0].probe_shop, 0u);
  hold_probe(lags.nodes()[0], 1500ms);
  for (const char* shop : {"west", "south", "east"}) {
    ASSERT_NE(lags.lag_for(shop), nullptr) << shop;
    EXPECT_TRUE(lags.lag_for(shop)->late()) << shop;
  }
}

TEST(BusLags, OnAClusterALateMasterMakesOnlyItsOwnShopsLate) {
  BusLags lags({"west", "south", "east"}, 1000ms);
  ASSERT_TRUE(lags.place({"m1:7000", "m2:7001", "m1:7000"}));
  ASSERT_EQ(lags.nodes().size(), 2u);
  BusLags::Node* m2 = lags.node_probed_through(1);
  ASSERT_NE(m2, nullptr);
  EXPECT_EQ(m2->name, "m2:7001");
  EXPECT_EQ(lags.node_probed_through(2), nullptr) << "east's master is timed through west";

  hold_probe(*m2, 1500ms);
  EXPECT_TRUE(lags.lag_for("south")->late());
  EXPECT_FALSE(lags.lag_for("west")->late());
  EXPECT_FALSE(lags.lag_for("east")->late());
  EXPECT_EQ(lags.lag_for("north"), nullptr) << "not one of the worker's shops";
}

TEST(BusLags, TheSamePlacesKeepTheirMeasures) {
  BusLags lags({"west", "south"}, 1000ms);
  ASSERT_TRUE(lags.place({"m1:7000", "m2:7001"}));
  hold_probe(*lags.node_probed_through(1), 1500ms);
  EXPECT_FALSE(lags.place({"m1:7000", "m2:7001"})) << "nothing moved";
  EXPECT_TRUE(lags.lag_for("south")->late());
}

TEST(BusLags, AShopWhoseSlotMovedIsJudgedByItsNewMaster) {
  BusLags lags({"west", "south", "east"}, 1000ms);
  ASSERT_TRUE(lags.place({"m1:7000", "m2:7001", "m2:7001"}));
  hold_probe(*lags.node_probed_through(1), 1500ms);  // m2, through south
  EXPECT_TRUE(lags.lag_for("east")->late());

  // East moves to m1: judged by m1 now. South still times m2, whose measure carries over.
  ASSERT_TRUE(lags.place({"m1:7000", "m2:7001", "m1:7000"}));
  EXPECT_FALSE(lags.lag_for("east")->late());
  EXPECT_TRUE(lags.lag_for("south")->late());

  // South moves to m3 and m2 is left with nobody: m3 starts afresh, its probe through south
  // yet to be sent (the one in flight went to m2's channel of south and is ignored).
  ASSERT_TRUE(lags.place({"m1:7000", "m3:7002", "m1:7000"}));
  EXPECT_FALSE(lags.lag_for("south")->late());
  EXPECT_EQ(lags.node_probed_through(1)->name, "m3:7002");
  EXPECT_TRUE(lags.node_probed_through(1)->lag.tick(kStart + 2s)) << "no probe in flight";
}

TEST(BusLags, ANodeTimedThroughAnotherShopStartsAfresh) {
  BusLags lags({"west", "south"}, 1000ms);
  ASSERT_TRUE(lags.place({"m1:7000", "m1:7000"}));
  BusLag& before = lags.node_probed_through(0)->lag;
  ASSERT_TRUE(before.tick(kStart));
  const auto stale = before.sent(kStart);
  before.tick(kStart + 1500ms);
  EXPECT_TRUE(lags.lag_for("south")->late());
  // West leaves m1: m1 is timed through south now, and the probe out on west's channel says
  // nothing of it.
  ASSERT_TRUE(lags.place({"m2:7001", "m1:7000"}));
  EXPECT_FALSE(lags.lag_for("south")->late());
  EXPECT_FALSE(lags.lag_for("west")->late());
  // West's new master numbers its probes apart from the old one's: the stale probe, back on
  // west's channel, is not taken for the new one in flight.
  BusLag& after = lags.node_probed_through(0)->lag;
  ASSERT_TRUE(after.tick(kStart + 2s));
  EXPECT_NE(after.sent(kStart + 2s), stale);
  EXPECT_FALSE(after.seen(stale, kStart + 2100ms));
}

}  // namespace
}  // namespace kefu::chat
