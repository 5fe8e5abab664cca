// Issue 8: each worker keeps its shops' agents (config + live rows) and takes in only the rows
// written since its last read; what it keeps must always be what Redis holds as of the newest
// reply it has seen.
#include "chat/live_agents.h"

#include <gtest/gtest.h>

namespace kefu::chat {
namespace {

std::unique_ptr<ShopEntry> two_agent_shop(int capacity_a = 3) {
  auto out = std::make_unique<ShopEntry>();
  out->config.set_id("s");
  out->config.set_time_zone("Asia/Shanghai");
  for (const char* id : {"a", "b"}) {
    auto* agent = out->config.add_agents();
    agent->set_id(id);
    agent->set_group("presale");
    agent->set_capacity(std::string_view{id} == "a" ? capacity_a : 5);
  }
  std::vector<std::string> problems;
  out->rules = build_shop_rules(out->config, problems);
  EXPECT_TRUE(problems.empty()) << (problems.empty() ? "" : problems.front());
  return out;
}

routing::AgentSnapshot row(const std::string& id, routing::Presence presence, int load,
                           int capacity = -1) {
  routing::AgentSnapshot out;
  out.id = id;
  out.presence = presence;
  out.active_conversations = load;
  out.capacity = capacity;
  return out;
}

AgentRows rows_as_of(const std::string& epoch, std::int64_t version, bool full,
                     std::vector<routing::AgentSnapshot> changed) {
  return AgentRows{epoch, version, full, std::move(changed)};
}

using routing::Presence;

TEST(ChatLiveAgents, AFirstReadAsksForEverythingAndLaterOnesForWhatChanged) {
  const auto shop = two_agent_shop();
  LiveAgents live;
  AgentRowsSince since = live.since(*shop);
  EXPECT_TRUE(since.wanted);
  EXPECT_EQ(since.epoch, "");  // nothing kept: every row, and the missing ones made
  EXPECT_EQ(since.agent_ids, &shop->rules.agent_ids);

  auto agents = live.apply(*shop, rows_as_of("e1", 7, true, {row("a", Presence::kOnline, 1)}));
  ASSERT_EQ(agents.size(), 2u);
  EXPECT_EQ(agents[0].id, "a");
  EXPECT_EQ(agents[0].presence, Presence::kOnline);
  EXPECT_EQ(agents[0].active_conversations, 1);
  EXPECT_EQ(agents[0].groups, std::vector<std::string>{"presale"});  // the config's part
  EXPECT_EQ(agents[1].presence, Presence::kOffline);                 // no row: offline
  since = live.since(*shop);
  EXPECT_EQ(since.epoch, "e1");
  EXPECT_EQ(since.version, 7);

  agents = live.apply(*shop, rows_as_of("e1", 9, false, {row("b", Presence::kOnline, 2)}));
  EXPECT_EQ(agents[0].presence, Presence::kOnline);  // unchanged rows stay
  EXPECT_EQ(agents[1].presence, Presence::kOnline);
  EXPECT_EQ(agents[1].active_conversations, 2);
  EXPECT_EQ(live.since(*shop).version, 9);
}

TEST(ChatLiveAgents, AnOlderReplyArrivingLateChangesNothing) {
  const auto shop = two_agent_shop();
  LiveAgents live;
  live.apply(*shop, rows_as_of("e1", 5, true, {row("a", Presence::kOnline, 0)}));
  // Two decisions asked from version 5; the later snapshot answers first.
  live.apply(*shop, rows_as_of("e1", 8, false, {row("a", Presence::kAway, 0)}));
  auto agents = live.apply(*shop, rows_as_of("e1", 6, false, {row("a", Presence::kOnline, 1)}));
  EXPECT_EQ(agents[0].presence, Presence::kAway);
  EXPECT_EQ(agents[0].active_conversations, 0);
  EXPECT_EQ(live.since(*shop).version, 8);
  // The same for an older full read.
  agents = live.apply(*shop, rows_as_of("e1", 7, true, {}));
  EXPECT_EQ(agents[0].presence, Presence::kAway);
}

TEST(ChatLiveAgents, AnotherEpochReplacesEverythingKept) {
  const auto shop = two_agent_shop();
  LiveAgents live;
  live.apply(*shop, rows_as_of("e1", 500, true,
                               {row("a", Presence::kAway, 2), row("b", Presence::kOnline, 1)}));
  // Redis lost its data and started counting again: version 3 of another epoch is newer.
  auto agents = live.apply(*shop, rows_as_of("e2", 3, true, {row("a", Presence::kOnline, 0)}));
  EXPECT_EQ(agents[0].presence, Presence::kOnline);
  EXPECT_EQ(agents[1].presence, Presence::kOffline);  // b has no row any more
  EXPECT_EQ(agents[1].active_conversations, 0);
  EXPECT_EQ(live.since(*shop).epoch, "e2");
  EXPECT_EQ(live.since(*shop).version, 3);
  // A late delta of the old epoch is ignored.
  agents = live.apply(*shop, rows_as_of("e1", 501, false, {row("b", Presence::kOnline, 4)}));
  EXPECT_EQ(agents[1].presence, Presence::kOffline);
}

TEST(ChatLiveAgents, WithoutAnEpochEveryFullReadIsTaken) {
  // Rows written before versions existed: Redis has no epoch and always answers in full.
  const auto shop = two_agent_shop();
  LiveAgents live;
  live.apply(*shop, rows_as_of("", 0, true, {row("a", Presence::kOnline, 0)}));
  auto agents = live.apply(*shop, rows_as_of("", 0, true, {row("a", Presence::kAway, 0)}));
  EXPECT_EQ(agents[0].presence, Presence::kAway);
}

TEST(ChatLiveAgents, R_ROUTE_7_ASupervisorsCapacityAndItsRemoval) {
  const auto shop = two_agent_shop(3);
  LiveAgents live;
  auto agents = live.apply(*shop, rows_as_of("e1", 1, true, {row("a", Presence::kOnline, 0, 0)}));
  EXPECT_EQ(agents[0].capacity, 0);  // "take nothing new" is a capacity too
  agents = live.apply(*shop, rows_as_of("e1", 2, false, {row("a", Presence::kOnline, 0, -1)}));
  EXPECT_EQ(agents[0].capacity, 3);  // back to the config's
}

TEST(ChatLiveAgents, NewSettingsKeepTheLiveState) {
  const auto before = two_agent_shop(3);
  LiveAgents live;
  live.apply(*before, rows_as_of("e1", 4, true, {row("a", Presence::kOnline, 2)}));
  const auto after = two_agent_shop(6);  // a supervisor raised a's limit in the settings
  auto agents = live.apply(*after, rows_as_of("e1", 4, false, {}));
  EXPECT_EQ(agents[0].capacity, 6);
  EXPECT_EQ(agents[0].presence, Presence::kOnline);
  EXPECT_EQ(agents[0].active_conversations, 2);
}

TEST(ChatLiveAgents, ShopsAreKeptApart) {
  const auto shop = two_agent_shop();
  LiveAgents live;
  live.apply(*shop, rows_as_of("e1", 4, true, {row("a", Presence::kOnline, 2)}));
  auto other = two_agent_shop();
  other->config.set_id("other");
  EXPECT_EQ(live.since(*other).epoch, "");
  EXPECT_EQ(live.since(*other).version, 0);
}

}  // namespace
}  // namespace kefu::chat
