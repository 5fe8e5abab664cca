// R-ROUTE-12 (same session within 10 minutes of the end).
#include "routing/same_session.h"

#include <gtest/gtest.h>

#include "shop_fixture.h"

namespace kefu::routing {
namespace {

using namespace std::chrono;
using testing::sh;

TEST(Routing, R_ROUTE_12_WritingWithinTenMinutesContinuesTheConversation) {
  auto ended = sh(2024, 5, 1, 10, 0);
  PreviousConversation prev{"c1", "agent1", ended};

  auto reopen = decide_session(prev, ended + minutes{10});
  EXPECT_EQ(reopen.choice, SessionChoice::kReopen);
  EXPECT_EQ(reopen.conversation_id, "c1");

  auto fresh = decide_session(prev, ended + minutes{10} + seconds{1});
  EXPECT_EQ(fresh.choice, SessionChoice::kStartNew);
  EXPECT_TRUE(fresh.conversation_id.empty());
  ASSERT_TRUE(fresh.sticky);  // R-ROUTE-5 then prefers agent1
  EXPECT_EQ(fresh.sticky->agent_id, "agent1");
  EXPECT_EQ(fresh.sticky->last_served_at, ended);

  auto active = decide_session(PreviousConversation{"c2", "agent1", std::nullopt}, ended);
  EXPECT_EQ(active.choice, SessionChoice::kContinueActive);
  EXPECT_EQ(active.conversation_id, "c2");

  EXPECT_EQ(decide_session(std::nullopt, ended).choice, SessionChoice::kStartNew);
  EXPECT_FALSE(decide_session(std::nullopt, ended).sticky);
  // The window is the shop's.
  EXPECT_EQ(decide_session(prev, ended + minutes{20}, minutes{30}).choice, SessionChoice::kReopen);
}

}  // namespace
}  // namespace kefu::routing
