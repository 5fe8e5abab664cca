// R-ROUTE-5 (stay with your agent), R-ROUTE-6 (spread the load; round-robin).
#include <gtest/gtest.h>

#include <algorithm>

#include "shop_fixture.h"

namespace kefu::routing {
namespace {

using namespace std::chrono;
using testing::ids;
using testing::sh;

TEST(Routing, R_ROUTE_5_StaysWithLastAgentWhenEligible) {
  testing::Shop shop;
  auto now = sh(2024, 5, 1, 10, 0);
  shop.add("a", "presale", now, "early", 0);
  shop.add("b", "presale", now, "early", 5);  // busier, but served this buyer yesterday
  auto req = testing::request("c1");
  req.last_agent = StickyHint{"b", now - hours{20}};
  auto d = route_conversation(shop.view(), req, now);
  ASSERT_EQ(d.outcome, Outcome::kAssign);
  ASSERT_EQ(ids(d.candidates), (std::vector<std::string>{"b", "a"}));
  EXPECT_EQ(d.candidates[0].rule, Rule::kSticky);
  EXPECT_EQ(d.candidates[1].rule, Rule::kLeastLoaded);
  EXPECT_EQ(d.sticky_note, "last agent b is eligible");
}

TEST(Routing, R_ROUTE_5_LastAgentFullFallsBackToLeastLoaded) {
  testing::Shop shop;
  auto now = sh(2024, 5, 1, 10, 0);
  shop.add("a", "presale", now, "early", 3);
  shop.add("b", "presale", now, "early", 8);  // full
  shop.add("c", "presale", now, "early", 1);
  auto req = testing::request("c1");
  req.last_agent = StickyHint{"b", now - hours{1}};
  auto d = route_conversation(shop.view(), req, now);
  EXPECT_EQ(ids(d.candidates), (std::vector<std::string>{"c", "a"}));
  EXPECT_EQ(d.candidates[0].rule, Rule::kLeastLoaded);
  EXPECT_EQ(d.sticky_note, "last agent b not eligible: at_capacity");
}

TEST(Routing, R_ROUTE_5_StickinessLastsTwentyFourHours) {
  testing::Shop shop;
  auto now = sh(2024, 5, 1, 10, 0);
  shop.add("a", "presale", now, "early", 0);
  shop.add("b", "presale", now, "early", 5);
  auto req = testing::request("c1");
  req.last_agent = StickyHint{"b", now - hours{24} - seconds{1}};
  auto d = route_conversation(shop.view(), req, now);
  EXPECT_EQ(ids(d.candidates), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(d.candidates[1].rule, Rule::kLeastLoaded);
  req.last_agent->last_served_at = now - hours{24};
  EXPECT_EQ(route_conversation(shop.view(), req, now).candidates[0].agent_id, "b");
}

TEST(Routing, R_ROUTE_6_LeastLoadedRelativeToCapacityTiesToLongestIdle) {
  testing::Shop shop;
  auto now = sh(2024, 5, 1, 10, 0);
  shop.add("senior", "presale", now, "early", 4).capacity = 12;     // 4/12 = 0.33
  auto& trainee = shop.add("trainee", "presale", now, "early", 2);  // 2/4 = 0.5
  trainee.level = AgentLevel::kTrainee;
  shop.add("x", "presale", now, "early", 3).last_assigned_at = now - minutes{2};  // 3/8
  shop.add("y", "presale", now, "early", 3).last_assigned_at = now - minutes{9};  // 3/8, idler
  auto d = route_conversation(shop.view(), testing::request("c1"), now);
  EXPECT_EQ(ids(d.candidates), (std::vector<std::string>{"senior", "y", "x", "trainee"}));
  for (const auto& c : d.candidates) EXPECT_EQ(c.rule, Rule::kLeastLoaded);
  EXPECT_EQ(d.candidates[0].capacity, 12);
  EXPECT_EQ(d.candidates[3].capacity, 4);
}

TEST(Routing, R_ROUTE_6_RoundRobinFollowsTheCursor) {
  testing::Shop shop;
  shop.policy.strategy = Strategy::kRoundRobin;
  auto now = sh(2024, 5, 1, 10, 0);
  shop.add("a", "presale", now, "early", 0);
  shop.add("b", "presale", now, "early", 7);
  shop.add("c", "presale", now, "early", 0);
  shop.cursors["presale"] = "a";
  auto d = route_conversation(shop.view(), testing::request("c1"), now);
  EXPECT_EQ(ids(d.candidates), (std::vector<std::string>{"b", "c", "a"}));
  EXPECT_EQ(d.candidates[0].rule, Rule::kRoundRobin);
  shop.cursors["presale"] = "c";  // wraps around
  EXPECT_EQ(ids(route_conversation(shop.view(), testing::request("c2"), now).candidates),
            (std::vector<std::string>{"a", "b", "c"}));
}

// A shop of many agents: the decision names the best kMaxCandidates, in the same order a full
// sort gives, for both strategies (issue 8: only those are sorted).
TEST(Routing, R_ROUTE_6_ManyAgentsGiveTheBestCandidatesInOrder) {
  testing::Shop shop;
  auto now = sh(2024, 5, 1, 10, 0);
  std::vector<std::string> by_load;  // load 0 first, then by id within a load
  for (int load = 0; load < 5; ++load) {
    for (int i = 0; i < 10; ++i) {
      const std::string id = "a" + std::to_string(load) + std::to_string(i);
      by_load.push_back(id);
      shop.add(id, "presale", now, "early", load);
    }
  }
  std::reverse(shop.agents.begin(), shop.agents.end());  // the order they come in is not the answer
  auto d = route_conversation(shop.view(), testing::request("c1"), now);
  ASSERT_EQ(d.candidates.size(), kMaxCandidates);
  EXPECT_EQ(ids(d.candidates),
            (std::vector<std::string>{by_load.begin(), by_load.begin() + kMaxCandidates}));

  auto req = testing::request("c2");
  req.last_agent = StickyHint{"a49", now - hours{1}};  // the busiest, but eligible: first
  auto sticky = route_conversation(shop.view(), req, now);
  ASSERT_EQ(sticky.candidates.size(), kMaxCandidates);
  EXPECT_EQ(sticky.candidates[0].agent_id, "a49");
  EXPECT_EQ(sticky.candidates.back().agent_id, by_load[kMaxCandidates - 2]);

  shop.policy.strategy = Strategy::kRoundRobin;
  shop.cursors["presale"] = "a29";  // after it a30..a49, then around to a00..
  auto rr = route_conversation(shop.view(), testing::request("c3"), now);
  std::vector<std::string> expected{by_load.begin() + 30, by_load.end()};
  expected.insert(expected.end(), by_load.begin(), by_load.begin() + 12);
  EXPECT_EQ(ids(rr.candidates), expected);
}

// Conversations record the rule that placed them as "<id> <name>" (open_conversation.lua).
TEST(Routing, RuleLabelIsTheRuleIdAndName) {
  for (Rule r : {Rule::kSticky, Rule::kLeastLoaded, Rule::kRoundRobin, Rule::kTransferAgent,
                 Rule::kTransferGroup, Rule::kEscalation, Rule::kReassign}) {
    EXPECT_EQ(rule_label(r), std::string(rule_id(r)) + " " + std::string(rule_name(r)));
  }
}

}  // namespace
}  // namespace kefu::routing
