// R-ROUTE-4 (who may take it), R-SHIFT-4 (presence, heartbeat, idle), R-ROLE-3 (capacity by level).
#include <gtest/gtest.h>

#include "routing/eligibility.h"
#include "shop_fixture.h"

namespace kefu::routing {
namespace {

using namespace std::chrono;
using testing::sh;

Ineligible why(testing::Shop& shop, const std::string& id, TimePoint now,
               std::string_view group = "presale") {
  return judge_agent(shop.get(id), group, shop.view(), now).why;
}

TEST(Routing, R_ROUTE_4_InGroupOnShiftOnlineBelowCapacity) {
  testing::Shop shop;
  auto now = sh(2024, 5, 1, 10, 0);
  shop.add("ok", "presale", now);
  shop.add("other_group", "aftersale", now);
  shop.add("late_shift", "presale", now, "middle");
  shop.add("away", "presale", now).presence = Presence::kAway;
  shop.add("offline", "presale", now).presence = Presence::kOffline;
  shop.add("full", "presale", now, "early", 8);
  shop.add("on_leave", "presale", now);
  shop.schedule.rota.add_leave(shifts::leave_for_days(
      "on_leave", testing::date(2024, 5, 1), testing::date(2024, 5, 1), *shop.schedule.zone));

  EXPECT_EQ(why(shop, "ok", now), Ineligible::kNone);
  EXPECT_EQ(why(shop, "other_group", now), Ineligible::kNotInGroup);
  EXPECT_EQ(why(shop, "late_shift", now), Ineligible::kOffShift);
  EXPECT_EQ(why(shop, "away", now), Ineligible::kAway);
  EXPECT_EQ(why(shop, "offline", now), Ineligible::kOffline);
  EXPECT_EQ(why(shop, "full", now), Ineligible::kAtCapacity);
  EXPECT_EQ(why(shop, "on_leave", now), Ineligible::kOnLeave);

  // The group's verdicts list members only, each with its reason.
  auto verdicts = judge_group(shop.view(), "presale", now);
  EXPECT_EQ(verdicts.size(), 6u);
  auto d = route_conversation(shop.view(), testing::request("c1"), now);
  EXPECT_EQ(d.outcome, Outcome::kAssign);
  EXPECT_EQ(testing::ids(d.candidates), std::vector<std::string>{"ok"});
}

TEST(Routing, R_SHIFT_4_DeadConnectionAndIdleAgentAreNotRouted) {
  testing::Shop shop;
  auto now = sh(2024, 5, 1, 10, 0);
  shop.add("alive", "presale", now);
  shop.add("silent_socket", "presale", now).last_heartbeat = now - seconds{46};
  shop.add("never_connected", "presale", now).last_heartbeat.reset();
  shop.add("idle", "presale", now).last_activity = now - minutes{16};
  EXPECT_EQ(why(shop, "alive", now), Ineligible::kNone);
  EXPECT_EQ(why(shop, "silent_socket", now), Ineligible::kConnectionLost);
  EXPECT_EQ(why(shop, "never_connected", now), Ineligible::kConnectionLost);
  EXPECT_EQ(why(shop, "idle", now), Ineligible::kIdleTooLong);
  // A heartbeat from the agent's second tab keeps them alive: the I/O passes the newest one.
  shop.get("silent_socket").last_heartbeat = now - seconds{5};
  EXPECT_EQ(why(shop, "silent_socket", now), Ineligible::kNone);
  // Limits are the shop's.
  shop.policy.liveness.idle_timeout = minutes{30};
  EXPECT_EQ(why(shop, "idle", now), Ineligible::kNone);

  // Meal breaks ≤ 35 min: longer is flagged.
  auto& away = shop.add("lunch", "presale", now);
  away.presence = Presence::kAway;
  away.away_since = now - minutes{35};
  EXPECT_FALSE(away_too_long(away, shop.policy.liveness, now));
  EXPECT_TRUE(away_too_long(away, shop.policy.liveness, now + seconds{1}));
}

TEST(Routing, R_ROLE_3_CapacityDefaultsPerLevel) {
  CapacityPolicy p;
  AgentSnapshot a;
  a.level = AgentLevel::kJunior;
  EXPECT_EQ(capacity_of(a, p), 8);
  a.level = AgentLevel::kTrainee;
  EXPECT_EQ(capacity_of(a, p), 4);
  a.capacity = 6;  // the agent's own number wins
  EXPECT_EQ(capacity_of(a, p), 6);
  a.capacity = 0;
  p.per_level[AgentLevel::kSenior] = 12;
  p.default_capacity = 5;
  a.level = AgentLevel::kSenior;
  EXPECT_EQ(capacity_of(a, p), 12);
  a.level = AgentLevel::kIntermediate;
  EXPECT_EQ(capacity_of(a, p), 5);
  EXPECT_EQ(parse_level("reserve_supervisor"), AgentLevel::kReserveSupervisor);
  EXPECT_EQ(level_name(AgentLevel::kTrainee), "trainee");
  EXPECT_EQ(parse_presence("away"), Presence::kAway);
  EXPECT_FALSE(parse_presence("busy"));

  // A trainee with 4 chats is full; a junior with 4 is not.
  testing::Shop shop;
  auto now = sh(2024, 5, 1, 10, 0);
  shop.add("trainee", "presale", now, "early", 4).level = AgentLevel::kTrainee;
  shop.add("junior", "presale", now, "early", 4);
  EXPECT_EQ(why(shop, "trainee", now), Ineligible::kAtCapacity);
  EXPECT_EQ(why(shop, "junior", now), Ineligible::kNone);
}

}  // namespace
}  // namespace kefu::routing
