// R-ROUTE-11 (no arbitrary closing).
#include "routing/ending.h"

#include <gtest/gtest.h>

#include "shop_fixture.h"

namespace kefu::routing {
namespace {

using namespace std::chrono;
using testing::sh;

TEST(Routing, R_ROUTE_11_WhoMayEndAndWhen) {
  auto t = sh(2024, 5, 1, 10, 0);
  ConversationParties conv{"buyer1", "agent1", true};
  ConversationTimes waiting{t, t - minutes{1}};  // buyer wrote after the last reply
  ConversationTimes answered{t - minutes{1}, t};

  // The buyer may always end their own conversation.
  EXPECT_EQ(check_end(conv, waiting, {EndedBy::kBuyer, "buyer1"}), EndRefusal::kNone);
  EXPECT_EQ(check_end(conv, waiting, {EndedBy::kBuyer, "buyer2"}), EndRefusal::kNotAParticipant);
  // The agent only after the buyer's question was answered.
  EXPECT_EQ(check_end(conv, waiting, {EndedBy::kAgent, "agent1"}),
            EndRefusal::kBuyerQuestionUnanswered);
  EXPECT_EQ(check_end(conv, answered, {EndedBy::kAgent, "agent1"}), EndRefusal::kNone);
  EXPECT_EQ(check_end(conv, answered, {EndedBy::kAgent, "agent2"}), EndRefusal::kNotServingAgent);
  // Buyer never wrote: nothing unanswered.
  EXPECT_EQ(check_end(conv, {}, {EndedBy::kAgent, "agent1"}), EndRefusal::kNone);
  conv.active = false;
  EXPECT_EQ(check_end(conv, answered, {EndedBy::kBuyer, "buyer1"}), EndRefusal::kAlreadyEnded);
}

TEST(Routing, R_ROUTE_11_AutoEndsTenMinutesAfterAgentsLastReply) {
  auto reply = sh(2024, 5, 1, 10, 0);
  ConversationTimes times{reply - minutes{2}, reply};
  Millis silence = RoutingPolicy{}.auto_end_silence;
  EXPECT_EQ(silence, minutes{10});
  EXPECT_EQ(auto_end_at(times, silence), reply + minutes{10});
  EXPECT_FALSE(auto_end_due(times, silence, reply + minutes{10} - seconds{1}));
  EXPECT_TRUE(auto_end_due(times, silence, reply + minutes{10}));
  // The buyer writes again: the clock stops until the next reply.
  times.last_buyer_message_at = reply + minutes{5};
  EXPECT_FALSE(auto_end_at(times, silence));
  EXPECT_FALSE(auto_end_due(times, silence, reply + hours{1}));
  // No human reply yet (auto-replies are never passed in, R-MSG-2): never auto-ends.
  EXPECT_FALSE(auto_end_at(ConversationTimes{reply, std::nullopt}, silence));
  // The silence is the shop's.
  times.last_agent_reply_at = reply + minutes{6};
  EXPECT_EQ(auto_end_at(times, minutes{3}), reply + minutes{9});
}

}  // namespace
}  // namespace kefu::routing
