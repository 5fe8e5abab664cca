// Routing at shift boundaries: 21:59 vs 22:00 (R-SHIFT-1 with R-ROUTE-4), the night shift after
// midnight, auto-extend (R-SHIFT-3), and the order shipping while the buyer waits (R-ROUTE-1).
#include <gtest/gtest.h>

#include "shifts/auto_extend.h"
#include "shop_fixture.h"

namespace kefu::routing {
namespace {

using namespace std::chrono;
using testing::ids;
using testing::sh;

TEST(Routing, R_SHIFT_1_MiddleAgentAt2159NightAgentAt2200) {
  testing::Shop shop;
  auto t = sh(2024, 5, 1, 21, 59);
  shop.add("mid", "presale", t, "middle");
  shop.add("nig", "presale", t, "night");
  EXPECT_EQ(ids(route_conversation(shop.view(), testing::request("c1"), t).candidates),
            std::vector<std::string>{"mid"});
  auto ten = sh(2024, 5, 1, 22, 0);
  for (auto& a : shop.agents) a.last_heartbeat = a.last_activity = ten;
  auto d = route_conversation(shop.view(), testing::request("c2"), ten);
  EXPECT_EQ(ids(d.candidates), std::vector<std::string>{"nig"});
}

TEST(Routing, R_SHIFT_1_NightShiftServesAfterMidnight) {
  testing::Shop shop;
  auto two = sh(2024, 5, 2, 2, 0);
  shop.add("nig", "presale", two, "night");
  shop.schedule.rota.set_standing("nig", {});
  shop.schedule.rota.assign("nig", testing::date(2024, 5, 1), {"night"});
  EXPECT_EQ(ids(route_conversation(shop.view(), testing::request("c1"), two).candidates),
            std::vector<std::string>{"nig"});
}

TEST(Routing, R_SHIFT_3_ExtendedAgentGetsNoNewConversations) {
  testing::Shop shop;
  auto t = sh(2024, 5, 1, 22, 5);
  shop.add("mid", "presale", t, "middle", 2);
  auto d = route_conversation(shop.view(), testing::request("c1"), t);
  EXPECT_EQ(d.outcome, Outcome::kLeaveMessage);
  ASSERT_EQ(d.verdicts.size(), 1u);
  EXPECT_EQ(d.verdicts[0].why, Ineligible::kOffShift);
  EXPECT_EQ(shifts::shift_status(shop.schedule, "mid", t, 2).phase, shifts::ShiftPhase::kExtended);
}

TEST(Routing, R_ROUTE_1_OrderShipsWhileBuyerWaits) {
  testing::Shop shop;
  auto t = sh(2024, 5, 1, 10, 0);
  shop.add("pre", "presale", t, "early", 8);  // full: the buyer waits
  shop.add("after", "aftersale", t, "early", 8);
  auto req = testing::request("c1");
  req.orders = {{"o1", OrderState::kPaidNotShipped, t - hours{1}}};
  auto d = route_conversation(shop.view(), req, t);
  ASSERT_EQ(d.outcome, Outcome::kQueue);
  auto entry = d.queue_entry(std::nullopt);
  EXPECT_EQ(entry.group, "presale");

  // Same order, not shipped yet: nothing moves.
  EXPECT_FALSE(regroup_queued(shop.view(), entry, req).moved);
  // The order ships at 10:03: re-evaluated, the entry moves to after-sale, keeping its time.
  req.orders[0] = {"o1", OrderState::kShipped, t + minutes{3}};
  auto r = regroup_queued(shop.view(), entry, req);
  ASSERT_TRUE(r.moved);
  EXPECT_EQ(r.group.group, "aftersale");
  EXPECT_EQ(r.moved->group, "aftersale");
  EXPECT_EQ(r.moved->enqueued_at, t);
  EXPECT_EQ(r.moved->conversation_id, "c1");
}

}  // namespace
}  // namespace kefu::routing
