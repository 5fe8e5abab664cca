// Every routing decision is explainable: agent, rule, who else was eligible, why not others.
#include "routing/audit.h"

#include <gtest/gtest.h>

#include <map>

#include "shop_fixture.h"

namespace kefu::routing {
namespace {

using namespace std::chrono;
using testing::sh;

std::map<std::string, std::string> as_map(const AuditFields& f) { return {f.begin(), f.end()}; }

TEST(Routing, AuditRecordNamesRuleAndAlternatives) {
  testing::Shop shop;
  auto now = sh(2024, 5, 1, 10, 0);
  shop.add("a", "presale", now, "early", 2);
  shop.add("b", "presale", now, "early", 8);
  shop.add("c", "presale", now, "early", 0).presence = Presence::kAway;
  shop.add("d", "presale", now, "early", 1);
  auto req = testing::request("c1");
  req.last_agent = StickyHint{"b", now - hours{2}};
  req.orders = {{"o9", OrderState::kPaidNotShipped, now - hours{1}}};
  auto d = route_conversation(shop.view(), req, now);
  // The claim lost the race for d and took a.
  auto f = as_map(audit_route(d, "a"));
  EXPECT_EQ(f["type"], "route");
  EXPECT_EQ(f["conversation"], "c1");
  EXPECT_EQ(f["group"], "presale");
  EXPECT_EQ(f["group_basis"], "most_recent_order");
  EXPECT_EQ(f["order"], "o9");
  EXPECT_EQ(f["order_state"], "paid");
  EXPECT_EQ(f["outcome"], "assign");
  EXPECT_EQ(f["agent"], "a");
  EXPECT_EQ(f["rule"], "R-ROUTE-6");
  EXPECT_EQ(f["rule_name"], "least_loaded");
  EXPECT_EQ(f["candidates"], "d:least_loaded:1/8,a:least_loaded:2/8");
  EXPECT_EQ(f["eligible"], "a,d");
  EXPECT_EQ(f["ineligible"], "b:at_capacity,c:away");
  EXPECT_EQ(f["sticky"], "last agent b not eligible: at_capacity");
  EXPECT_EQ(f["at_ms"], std::to_string(to_ms(now)));

  auto queued = as_map(audit_route(d, ""));
  EXPECT_EQ(queued["agent"], "");
  EXPECT_EQ(queued["rule"], "");
}

TEST(Routing, AuditListsOfABigShopNameTheFirstTwentyAndCountTheRest) {
  // Issue 8: 200 agents would write kilobytes per decision into the shop's audit stream.
  std::vector<AgentVerdict> v;
  for (int i = 0; i < 26; ++i) {
    AgentVerdict a;
    a.agent_id = i < 25 ? "e" + std::to_string(i) : "away";
    if (i == 25) a.why = Ineligible::kAway;
    v.push_back(a);
  }
  const std::string eligible = eligible_list(v);
  EXPECT_EQ(eligible.substr(0, 6), "e0,e1,");
  EXPECT_NE(eligible.find(",e19,+5 more"), std::string::npos) << eligible;
  EXPECT_EQ(eligible.find("e20"), std::string::npos) << eligible;
  EXPECT_EQ(ineligible_list(v), "away:away");
}

}  // namespace
}  // namespace kefu::routing
