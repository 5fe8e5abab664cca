// R-SUP-1: what the dashboard shows of each group and agent.
#include "supervision/dashboard.h"

#include <gtest/gtest.h>

#include "state_builder.h"

namespace kefu::supervision {
namespace {

using namespace test;
using routing::Presence;

TEST(Dashboard, GroupCountsQueueInProgressLeftMessagesAndAgentsOnline) {
  DashboardState s = shop_state();
  queue(s, 0, "5", kNow - 30'000);
  queue(s, 0, "6", kNow - 90'000, /*left=*/true);  // R-ROUTE-9
  agent(s, "a1", "presale", Presence::kOnline, 2);
  agent(s, "a2", "presale", Presence::kAway, 0);
  agent(s, "b1", "aftersale", Presence::kOnline, 1);
  on_agent(s, "1", "a1", "presale", 0);
  on_agent(s, "2", "a1", "presale", kNow - 10'000);
  on_agent(s, "3", "b1", "aftersale", 0);

  const v1::DashboardUpdate d = build_dashboard(s);
  ASSERT_EQ(d.groups_size(), 2);
  const v1::GroupLive& pre = d.groups(0);
  EXPECT_EQ(pre.group(), "presale");
  EXPECT_EQ(pre.display_name(), "售前");
  EXPECT_EQ(pre.queued(), 2);
  EXPECT_EQ(pre.oldest_queued_at_ms(), kNow - 90'000);
  EXPECT_EQ(pre.left_messages(), 1);
  EXPECT_EQ(pre.in_progress(), 2);
  EXPECT_EQ(pre.agents_online(), 1);  // a2 is away
  EXPECT_EQ(d.groups(1).in_progress(), 1);
  EXPECT_EQ(d.groups(1).queued(), 0);
  EXPECT_EQ(d.groups(1).oldest_queued_at_ms(), 0);
  EXPECT_EQ(d.wait_alert_seconds(), 60u);
  EXPECT_EQ(d.as_of_ms(), kNow);
}

TEST(Dashboard, GroupWaitingListsQueuedAndUnansweredBuyersLongestFirst) {
  DashboardState s = shop_state();
  queue(s, 0, "5", kNow - 30'000);
  queue(s, 0, "6", kNow - 90'000);
  agent(s, "a1", "presale", Presence::kOnline, 2);
  on_agent(s, "1", "a1", "presale", kNow - 60'000);
  on_agent(s, "2", "a1", "presale", 0);  // answered: not waiting

  const v1::GroupLive g = build_dashboard(s).groups(0);
  ASSERT_EQ(g.waiting_size(), 3);
  EXPECT_EQ(g.waiting(0).conversation_id(), "6");
  EXPECT_EQ(g.waiting(1).conversation_id(), "1");
  EXPECT_EQ(g.waiting(1).agent_id(), "a1");
  EXPECT_EQ(g.waiting(2).conversation_id(), "5");
  EXPECT_EQ(g.waiting(2).agent_id(), "");
}

TEST(Dashboard, GroupShowsAtMostTwentyWaits) {
  DashboardState s = shop_state();
  for (int i = 0; i < 25; ++i) queue(s, 0, std::to_string(100 + i), kNow - 1000 * (i + 1));
  const v1::GroupLive g = build_dashboard(s).groups(0);
  EXPECT_EQ(g.queued(), 25);
  ASSERT_EQ(g.waiting_size(), 20);
  EXPECT_EQ(g.waiting(0).conversation_id(), "124");  // waited 25 s, the longest
}

TEST(Dashboard, AgentShowsLoadCapacityShiftAndFiveLongestWaitsOnThem) {
  DashboardState s = shop_state();
  AgentState& a = agent(s, "a1", "presale", Presence::kOnline, 6);
  a.capacity = 8;
  a.shift.set_shift_id("early");
  a.shift.set_on_shift(true);
  a.low_performer = true;
  a.low_performer_reason = "回复率低于组内平均";
  for (int i = 0; i < 6; ++i)
    on_agent(s, std::to_string(i + 1), "a1", "presale", kNow - 1000 * (i + 1));

  const v1::AgentLive live = build_dashboard(s).agents(0);
  EXPECT_EQ(live.presence(), v1::PRESENCE_ONLINE);
  EXPECT_TRUE(live.enabled());
  EXPECT_EQ(live.load(), 6);
  EXPECT_EQ(live.capacity(), 8);
  EXPECT_EQ(live.shift().shift_id(), "early");
  EXPECT_TRUE(live.low_performer());
  EXPECT_EQ(live.extended_until_ms(), 0);
  EXPECT_EQ(live.idle_since_ms(), 0);  // busy
  ASSERT_EQ(live.waiting_size(), 5);
  EXPECT_EQ(live.waiting(0).conversation_id(), "6");  // oldest unanswered first
  EXPECT_EQ(live.waiting(4).conversation_id(), "2");
}

TEST(Dashboard, ExtendedAgentShowsTheExtensionUpToNow) {  // R-SHIFT-3
  DashboardState s = shop_state();
  agent(s, "a1", "presale", Presence::kOnline, 1).extended = true;
  EXPECT_EQ(build_dashboard(s).agents(0).extended_until_ms(), kNow);
}

TEST(Dashboard, DisabledAgentShowsOfflineAndNotOnline) {
  DashboardState s = shop_state();
  agent(s, "a1", "presale", Presence::kOnline).enabled = false;
  const v1::DashboardUpdate d = build_dashboard(s);
  EXPECT_FALSE(d.agents(0).enabled());
  EXPECT_EQ(d.agents(0).presence(), v1::PRESENCE_OFFLINE);
  EXPECT_EQ(d.groups(0).agents_online(), 0);
}

TEST(Dashboard, SameViewIgnoresTheTimeOfTheUpdateButNotWhatItShows) {
  DashboardState s = shop_state();
  agent(s, "a1", "presale", Presence::kOnline, 0);
  const v1::DashboardUpdate before = build_dashboard(s);
  s.now_ms += 500;
  s.agents[0].live.last_heartbeat = from_ms(kNow - 1000);  // as before
  EXPECT_TRUE(same_view(before, build_dashboard(s)));
  queue(s, 0, "9", s.now_ms);
  EXPECT_FALSE(same_view(before, build_dashboard(s)));
}

}  // namespace
}  // namespace kefu::supervision
