// The config → routing rules translation (DOMAIN.md §2, §3): defaults, the shop's choices,
// and clear problems for what cannot work.
#include "chat/shop_rules.h"

#include <gtest/gtest.h>

#include "problems.h"
#include "shifts/local_time.h"

namespace kefu::chat {
namespace {

using test_support::mentions;

v1::Shop shop_with_agents() {
  v1::Shop shop;
  shop.set_id("s");
  shop.set_time_zone("Asia/Shanghai");
  shop.set_default_group("presale");
  shop.set_default_capacity(8);
  for (const char* g : {"presale", "aftersale"}) shop.add_groups()->set_id(g);
  auto* a = shop.add_agents();
  a->set_id("a");
  a->set_group("presale");
  auto* t = shop.add_agents();
  t->set_id("t");
  t->set_group("presale");
  t->set_level("trainee");
  return shop;
}

TEST(ChatShopRules, R_SHIFT_2_AShopWithoutARotaIsServedAroundTheClock) {
  std::vector<std::string> problems;
  const ShopRules rules = build_shop_rules(shop_with_agents(), problems);
  EXPECT_TRUE(problems.empty());
  const TimePoint t = from_ms(1768442400000);  // any time
  EXPECT_TRUE(shifts::is_on_shift(rules.schedule, "a", t));
  EXPECT_TRUE(shifts::is_on_shift(rules.schedule, "a", t + std::chrono::hours{13}));
}

TEST(ChatShopRules, R_ROUTE_7_CapacityByLevelAndDefaults) {
  std::vector<std::string> problems;
  const ShopRules rules = build_shop_rules(shop_with_agents(), problems);
  ASSERT_EQ(rules.agents.size(), 2u);
  EXPECT_EQ(routing::capacity_of(rules.agents[0], rules.policy.capacity), 8);
  EXPECT_EQ(routing::capacity_of(rules.agents[1], rules.policy.capacity), 4);  // trainee
  EXPECT_EQ(rules.policy.strategy, routing::Strategy::kLeastLoaded);
}

TEST(ChatShopRules, R_ROUTE_2_TheShopsBindingsAndStrategy) {
  v1::Shop shop = shop_with_agents();
  (*shop.mutable_routing()->mutable_bindings())["shipped"] = "presale";
  shop.mutable_routing()->set_strategy("round_robin");
  (*shop.mutable_routing()->mutable_capacity_per_level())["trainee"] = 2;
  std::vector<std::string> problems;
  const ShopRules rules = build_shop_rules(shop, problems);
  EXPECT_TRUE(problems.empty());
  EXPECT_EQ(rules.policy.binding.group_of_state.at(routing::OrderState::kShipped), "presale");
  EXPECT_EQ(rules.policy.strategy, routing::Strategy::kRoundRobin);
  EXPECT_EQ(routing::capacity_of(rules.agents[1], rules.policy.capacity), 2);
}

TEST(ChatShopRules, R_SHIFT_1_StandingShiftsAndDatedRotaFromTheConfig) {
  v1::Shop shop = shop_with_agents();
  shop.mutable_agents(0)->add_standing_shifts("early");
  auto* day_off = shop.add_rota();
  day_off->set_agent_id("a");
  day_off->set_date("2026-01-15");
  std::vector<std::string> problems;
  const ShopRules rules = build_shop_rules(shop, problems);
  EXPECT_TRUE(problems.empty()) << problems.front();
  const TimePoint jan14_10h = from_ms(1768356000000);  // 2026-01-14 10:00 +08:00
  EXPECT_TRUE(shifts::is_on_shift(rules.schedule, "a", jan14_10h));
  EXPECT_FALSE(shifts::is_on_shift(rules.schedule, "a", jan14_10h + std::chrono::hours{24}));
  // Once the shop keeps a rota, an agent without shifts is never on shift.
  EXPECT_FALSE(shifts::is_on_shift(rules.schedule, "t", jan14_10h));
}

TEST(ChatShopRules, ProblemsNameWhatIsWrong) {
  v1::Shop shop = shop_with_agents();
  (*shop.mutable_routing()->mutable_bindings())["teleported"] = "presale";
  shop.mutable_routing()->set_strategy("random");
  shop.set_time_zone("Mars/Olympus");
  shop.set_shift_preset("four_shifts");
  shop.mutable_agents(1)->set_level("wizard");
  auto* bad_date = shop.add_rota();
  bad_date->set_agent_id("a");
  bad_date->set_date("15/01/2026");
  auto* leave = shop.add_leave();
  leave->set_agent_id("a");
  leave->set_first_date("2026-01-20");
  leave->set_last_date("2026-01-10");
  std::vector<std::string> problems;
  build_shop_rules(shop, problems);
  EXPECT_TRUE(mentions(problems, "unknown order state 'teleported'"));
  EXPECT_TRUE(mentions(problems, "routing.strategy"));
  EXPECT_TRUE(mentions(problems, "Mars/Olympus"));
  EXPECT_TRUE(mentions(problems, "four_shifts"));
  EXPECT_TRUE(mentions(problems, "unknown level 'wizard'"));
  EXPECT_TRUE(mentions(problems, "YYYY-MM-DD"));
  EXPECT_TRUE(mentions(problems, "leave of 'a'"));
}

}  // namespace
}  // namespace kefu::chat
