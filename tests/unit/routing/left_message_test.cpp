// R-ROUTE-9 (nobody on shift): service hours, a left message, served first at shift start.
#include <gtest/gtest.h>

#include "routing/drain.h"
#include "shop_fixture.h"

namespace kefu::routing {
namespace {

using namespace std::chrono;
using testing::sh;

TEST(Routing, R_ROUTE_9_NobodyOnShiftLeavesMessageWithServiceHours) {
  testing::Shop shop;
  auto night = sh(2024, 5, 1, 23, 0);
  shop.add("e1", "presale", night, "early");
  shop.add("m1", "presale", night, "middle");
  auto d = route_conversation(shop.view(), testing::request("c1"), night);
  EXPECT_EQ(d.outcome, Outcome::kLeaveMessage);
  EXPECT_EQ(d.next_service_start, sh(2024, 5, 2, 6, 0));
  ASSERT_EQ(d.service_hours.size(), 1u);
  EXPECT_EQ(d.service_hours[0].start, sh(2024, 5, 2, 6, 0));
  EXPECT_EQ(d.service_hours[0].end, sh(2024, 5, 2, 22, 0));
  EXPECT_EQ(d.queue_entry(std::nullopt).kind, EntryKind::kLeftMessage);

  // Someone on shift but away: that is a queue, not a left message.
  auto day = sh(2024, 5, 2, 10, 0);
  shop.get("e1").presence = Presence::kAway;
  EXPECT_EQ(route_conversation(shop.view(), testing::request("c2"), day).outcome, Outcome::kQueue);
}

TEST(Routing, R_ROUTE_9_LeftMessageServedFirstAtSixOClock) {
  testing::Shop shop;
  auto six = sh(2024, 5, 2, 6, 0);
  shop.add("e1", "presale", six, "early");
  // A complaint arrived live at 05:59:30 (queued behind nobody), the left message at 23:00.
  std::vector<QueueEntry> q{
      {"live_complaint", "presale", EntryKind::kLive, 3, sh(2024, 5, 2, 5, 59, 30), std::nullopt},
      {"left_at_night", "presale", EntryKind::kLeftMessage, 0, sh(2024, 5, 1, 23, 0), std::nullopt},
      {"left_later", "presale", EntryKind::kLeftMessage, 0, sh(2024, 5, 2, 1, 0), std::nullopt},
  };
  // 05:59: the early agent is not on shift yet: nothing drains.
  EXPECT_TRUE(plan_drain(shop.view(), "presale", q, six - minutes{1}).empty());
  auto plan = plan_drain(shop.view(), "presale", q, six);
  ASSERT_EQ(plan.size(), 3u);
  EXPECT_EQ(plan[0].conversation_id, "left_at_night");
  EXPECT_EQ(plan[1].conversation_id, "left_later");
  EXPECT_EQ(plan[2].conversation_id, "live_complaint");
  EXPECT_EQ(plan[0].candidates[0].agent_id, "e1");
}

}  // namespace
}  // namespace kefu::routing
