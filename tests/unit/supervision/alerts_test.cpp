// R-SUP-1: what stands out: long waits (past the shop's threshold), overdue follow-ups (R-MSG-4)
// and agents online but idle past the idle limit (R-SHIFT-4).
#include "supervision/alerts.h"

#include <gtest/gtest.h>

#include "state_builder.h"

namespace kefu::supervision {
namespace {

using namespace test;
using routing::Presence;

TEST(Alerts, QueuedBuyerStandsOutOnlyPastTheThreshold) {
  DashboardState s = shop_state();
  queue(s, 0, "1", kNow - 60'000);  // exactly the threshold: not past it
  queue(s, 0, "2", kNow - 60'001);
  const auto alerts = dashboard_alerts(s);
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].kind(), v1::ALERT_KIND_LONG_WAIT);
  EXPECT_EQ(alerts[0].conversation_id(), "2");
  EXPECT_EQ(alerts[0].group(), "presale");
  EXPECT_EQ(alerts[0].since_ms(), kNow - 60'001);
}

TEST(Alerts, TheShopsThresholdApplies) {
  DashboardState s = shop_state();
  s.wait_alert_ms = 120'000;
  queue(s, 0, "1", kNow - 90'000);
  EXPECT_TRUE(dashboard_alerts(s).empty());
  s.now_ms += 31'000;
  EXPECT_EQ(dashboard_alerts(s).size(), 1u);
}

TEST(Alerts, BuyerWaitingOnAnAgentStandsOut) {
  DashboardState s = shop_state();
  agent(s, "a1", "presale", Presence::kOnline, 2);
  on_agent(s, "1", "a1", "presale", kNow - 61'000);
  on_agent(s, "2", "a1", "presale", 0);  // answered
  const auto alerts = dashboard_alerts(s);
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].agent_id(), "a1");
  EXPECT_EQ(alerts[0].conversation_id(), "1");
}

TEST(Alerts, TextDoesNotChangeAsTimePasses) {  // or every second would push an update
  DashboardState s = shop_state();
  queue(s, 0, "1", kNow - 70'000);
  const std::string before = dashboard_alerts(s)[0].text();
  s.now_ms += 5'000;
  EXPECT_EQ(dashboard_alerts(s)[0].text(), before);
}

TEST(Alerts, OverdueFollowUpStandsOut) {
  DashboardState s = shop_state();
  s.follow_ups = {{"f1", "a1", "7", kNow - 1}, {"f2", "a1", "8", kNow + 1000}};
  const auto alerts = dashboard_alerts(s);
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].kind(), v1::ALERT_KIND_OVERDUE_FOLLOW_UP);
  EXPECT_EQ(alerts[0].conversation_id(), "7");
}

TEST(Alerts, OnlineAgentIdlePastTheLimitStandsOut) {
  DashboardState s = shop_state();
  s.liveness.idle_timeout = std::chrono::minutes{15};
  agent(s, "a1", "presale", Presence::kOnline).live.last_activity = from_ms(kNow - 16 * 60'000);
  agent(s, "a2", "presale", Presence::kOnline).live.last_activity = from_ms(kNow - 14 * 60'000);
  agent(s, "a3", "presale", Presence::kAway).live.last_activity = from_ms(kNow - 60 * 60'000);
  const auto alerts = dashboard_alerts(s);
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].kind(), v1::ALERT_KIND_IDLE_AGENT);
  EXPECT_EQ(alerts[0].agent_id(), "a1");
}

TEST(Alerts, LongestStandingFirst) {
  DashboardState s = shop_state();
  queue(s, 0, "1", kNow - 70'000);
  s.follow_ups = {{"f1", "a1", "7", kNow - 3'600'000}};
  queue(s, 1, "2", kNow - 500'000);
  const auto alerts = dashboard_alerts(s);
  ASSERT_EQ(alerts.size(), 3u);
  EXPECT_EQ(alerts[0].conversation_id(), "7");
  EXPECT_EQ(alerts[1].conversation_id(), "2");
  EXPECT_EQ(alerts[2].conversation_id(), "1");
}

TEST(IdleSince, LaterOfActivityAndAssignmentWhileOnlineWithNothingToDo) {
  routing::AgentSnapshot a;
  a.presence = Presence::kOnline;
  a.last_activity = from_ms(kNow - 5000);
  a.last_assigned_at = from_ms(kNow - 3000);
  EXPECT_EQ(idle_since_ms(a), kNow - 3000);
  a.active_conversations = 1;
  EXPECT_EQ(idle_since_ms(a), 0);
  a.active_conversations = 0;
  a.presence = Presence::kAway;
  EXPECT_EQ(idle_since_ms(a), 0);
}

}  // namespace
}  // namespace kefu::supervision
