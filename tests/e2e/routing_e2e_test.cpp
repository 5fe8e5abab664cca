// Routing end to end (issue 3): the rules of DOMAIN.md §2 as real clients see them over the
// WebSocket, with the decisions applied by the Lua scripts in a real Redis. The time rules
// (shift boundaries, windows) are tested with an injected clock in tests/unit/routing and
// tests/unit/shifts; here the server runs on real time.
#include <set>

#include "e2e_fixture.h"

namespace kefu::test {
namespace {

v1::ServerFrame start_frame(WsClient& buyer, const std::string& order_id = "") {
  v1::ClientFrame f;
  f.mutable_start_conversation()->set_order_id(order_id);
  auto answer = buyer.request(f);
  EXPECT_TRUE(answer && answer->has_conversation_started())
      << (answer ? answer->DebugString() : "no answer");
  return answer ? *answer : v1::ServerFrame{};
}

const v1::Conversation& conv_of(const v1::ServerFrame& f) {
  return f.conversation_started().conversation();
}

v1::ServerFrame end_conversation(WsClient& who, const std::string& conv) {
  v1::ClientFrame f;
  f.mutable_end_conversation()->set_conversation_id(conv);
  who.send(f);
  auto ended =
      who.read_until([](auto& fr) { return fr.has_conversation_ended() || fr.has_error(); });
  EXPECT_TRUE(ended);
  return ended ? *ended : v1::ServerFrame{};
}

TEST_F(E2E, R_ROUTE_1_ShippedOrderGoesToAfterSale) {
  auto a1 = agent("a1");
  auto b1 = agent("b1");
  put_order("buyer-r1", "o-1", "SHIPPED", 1000);
  auto b = buyer("buyer-r1");
  auto started = start_frame(*b);
  EXPECT_EQ(conv_of(started).group(), "aftersale");
  EXPECT_EQ(conv_of(started).agent_id(), "b1");
}

TEST_F(E2E, R_ROUTE_2_PaidNotShippedStaysPreSale) {
  auto a1 = agent("a1");
  auto b1 = agent("b1");
  put_order("buyer-r2", "o-2", "PAID", 1000);
  auto b = buyer("buyer-r2");
  EXPECT_EQ(conv_of(start_frame(*b)).group(), "presale");
}

TEST_F(E2E, R_ROUTE_3_TheOrderTheChatWasOpenedFromDecides) {
  auto a1 = agent("a1");
  auto b1 = agent("b1");
  put_order("buyer-r3", "old-shipped", "SHIPPED", 1000);
  put_order("buyer-r3", "new-unpaid", "UNPAID", 2000);
  auto b = buyer("buyer-r3");
  // Opened from the shipped order: after-sale, although a newer unpaid order exists.
  auto started = start_frame(*b, "old-shipped");
  EXPECT_EQ(conv_of(started).group(), "aftersale");
  EXPECT_EQ(conv_of(started).order_id(), "old-shipped");
}

TEST_F(E2E, R_ROUTE_3_MostRecentOrderDecidesWithoutAnOpenedFromOrder) {
  auto b1 = agent("b1");
  put_order("buyer-r3b", "paid", "PAID", 1000);
  put_order("buyer-r3b", "shipped", "SHIPPED", 2000);
  auto b = buyer("buyer-r3b");
  EXPECT_EQ(conv_of(start_frame(*b)).group(), "aftersale");
}

TEST_F(E2E, R_ROUTE_4_AwayAgentGetsNothing) {
  auto a1 = agent("a1");
  v1::ClientFrame away;
  away.mutable_set_presence()->set_presence(v1::PRESENCE_AWAY);
  ASSERT_TRUE(a1->request(away));
  auto b = buyer("buyer-r4");
  EXPECT_EQ(conv_of(start_frame(*b)).status(), v1::CONVERSATION_STATUS_QUEUED);
}

// Issue 8: each worker keeps the agents' rows and asks Redis only for those written since its
// last read. A presence change between decisions is seen; so is Redis losing its data, when
// the rows' counter starts over under a new epoch (the kept, higher versions must not hide
// the new rows). Two buyers per step, so that both of the server's workers decide.
TEST_F(E2E, R_ROUTE_4_KeptAgentStateFollowsPresenceAndARedisThatLostItsData) {
  auto a1 = agent("a1");
  v1::ClientFrame away;
  away.mutable_set_presence()->set_presence(v1::PRESENCE_AWAY);
  ASSERT_TRUE(a1->request(away));
  for (const char* id : {"buyer-k1", "buyer-k2"}) {
    auto b = buyer(id);
    EXPECT_EQ(conv_of(start_frame(*b)).status(), v1::CONVERSATION_STATUS_QUEUED) << id;
  }
  redis().flushall();
  v1::ClientFrame online;
  online.mutable_set_presence()->set_presence(v1::PRESENCE_ONLINE);
  ASSERT_TRUE(a1->request(online));
  for (const char* id : {"buyer-k3", "buyer-k4"}) {
    auto b = buyer(id);
    EXPECT_EQ(conv_of(start_frame(*b)).agent_id(), "a1") << id;
  }
  ASSERT_TRUE(a1->request(away));
  auto b5 = buyer("buyer-k5");
  EXPECT_EQ(conv_of(start_frame(*b5)).status(), v1::CONVERSATION_STATUS_QUEUED);
}

TEST_F(E2E, R_ROUTE_4_CapacityHoldsUnderHundredsOfSimultaneousBuyers) {
  // Two agents with two slots each; 150 buyers start at once over separate connections.
  auto a1 = agent("a1");
  auto a2 = agent("a2");
  constexpr int kBuyers = 150;
  std::vector<std::unique_ptr<WsClient>> buyers;
  for (int i = 0; i < kBuyers; ++i) buyers.push_back(buyer("crowd-" + std::to_string(i)));
  for (auto& b : buyers) {
    v1::ClientFrame f;
    f.set_request_id("start");
    f.mutable_start_conversation();
    b->send(f);
  }
  int assigned = 0;
  std::set<std::string> ids;
  int queued = 0;
  for (auto& b : buyers) {
    auto started = b->answer("start");
    ASSERT_TRUE(started && started->has_conversation_started());
    const auto& c = conv_of(*started);
    ids.insert(c.id());
    if (c.status() == v1::CONVERSATION_STATUS_ASSIGNED) {
      ++assigned;
    } else {
      auto q = b->read_until([](auto& f) { return f.has_queue_status(); });
      ASSERT_TRUE(q);
      // The place when it joined: within the queue as it was then.
      EXPECT_GE(q->queue_status().position(), 1);
      EXPECT_LE(q->queue_status().position(), kBuyers - 4);
      ++queued;
    }
  }
  EXPECT_EQ(assigned, 4);
  EXPECT_EQ(ids.size(), static_cast<std::size_t>(kBuyers));  // no conversation twice
  EXPECT_EQ(queued, kBuyers - 4);
  EXPECT_EQ(redis().command_str({"HGET", kShopKeyPrefix + "agent:a1", "load"}), "2");
  EXPECT_EQ(redis().command_str({"HGET", kShopKeyPrefix + "agent:a2", "load"}), "2");
  EXPECT_EQ(redis().command_str({"SCARD", kShopKeyPrefix + "agent:a1:convs"}), "2");
  EXPECT_EQ(redis().command_str({"ZCARD", kShopKeyPrefix + "queue:presale"}),
            std::to_string(kBuyers - 4));
}

TEST_F(E2E, R_ROUTE_5_ReturningBuyerGoesBackToTheirAgent) {
  auto a1 = agent("a1");
  auto a2 = agent("a2");
  // a2 served this buyer an hour ago (as the claim records it); a1 is less loaded.
  const auto now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  redis().command_str({"HSET", kShopKeyPrefix + "buyer:buyer-r5:last-agent", "agent", "a2", "at",
                       std::to_string(now_ms - 3600 * 1000)});
  auto other = buyer("buyer-r5-other");
  auto first = start_frame(*other);  // takes one of a1/a2
  auto b = buyer("buyer-r5");
  auto started = start_frame(*b);
  EXPECT_EQ(conv_of(started).agent_id(), "a2");
  EXPECT_EQ(conv_of(started).routed_by(), "R-ROUTE-5 sticky");
}

TEST_F(E2E, R_ROUTE_6_LeastLoadedThenTheOtherAgent) {
  auto a1 = agent("a1");
  auto a2 = agent("a2");
  auto b1 = buyer("buyer-r6-1");
  auto b2 = buyer("buyer-r6-2");
  auto first = conv_of(start_frame(*b1));
  auto second = conv_of(start_frame(*b2));
  EXPECT_NE(first.agent_id(), second.agent_id());
  EXPECT_EQ(first.routed_by(), "R-ROUTE-6 least_loaded");
}

TEST_F(E2E, R_ROUTE_7_QueueDrainsFirstComeFirstServedWithPositionsPushed) {
  std::vector<std::unique_ptr<WsClient>> buyers;
  std::vector<std::string> convs;
  for (int i = 0; i < 4; ++i) {
    buyers.push_back(buyer("fifo-" + std::to_string(i)));
    auto started = start_frame(*buyers.back());
    convs.push_back(conv_of(started).id());
    auto q = buyers.back()->read_until([](auto& f) { return f.has_queue_status(); });
    ASSERT_TRUE(q);
    EXPECT_EQ(q->queue_status().position(), i + 1);
  }
  // a1 (capacity 2) comes online: the two oldest are drained to them at once.
  auto a1 = agent("a1");
  std::set<std::string> got;
  for (int i = 0; i < 2; ++i) {
    auto assigned = a1->read_until([](auto& f) { return f.has_conversation_assigned(); });
    ASSERT_TRUE(assigned);
    got.insert(assigned->conversation_assigned().conversation().id());
  }
  EXPECT_EQ(got, (std::set<std::string>{convs[0], convs[1]}));
  // The two still waiting are told their new places.
  for (int i = 2; i < 4; ++i) {
    auto q = buyers[i]->read_until(
        [&](auto& f) { return f.has_queue_status() && f.queue_status().position() == i - 1; });
    EXPECT_TRUE(q) << "buyer " << i << " was not told their new place";
  }
}

TEST_F(E2E, R_ROUTE_9_NobodyOnShiftTakesALeftMessageWithServiceHours) {
  // shop3's only pre-sale agent works three days from now.
  WsClient agent_y1{port()};
  auto welcome = agent_y1.request(hello_agent(login("y1")));
  ASSERT_TRUE(welcome && welcome->has_welcome());
  v1::ClientFrame online;
  online.mutable_set_presence()->set_presence(v1::PRESENCE_ONLINE);
  ASSERT_TRUE(agent_y1.request(online));

  WsClient b{port()};
  ASSERT_TRUE(b.request(hello_buyer(buyer_token("buyer-r9", 3600000, kRotaShop))));
  auto started = start_frame(b);
  EXPECT_EQ(conv_of(started).status(), v1::CONVERSATION_STATUS_QUEUED);
  EXPECT_EQ(conv_of(started).routed_by(), "R-ROUTE-9 left message");
  auto q = b.read_until([](auto& f) { return f.has_queue_status(); });
  ASSERT_TRUE(q);
  EXPECT_TRUE(q->queue_status().left_message());
  const auto now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  EXPECT_GT(q->queue_status().next_service_start_ms(), now_ms + 24 * 3600 * 1000LL);
  // Online but off shift: y1 is not given the left message.
  EXPECT_FALSE(agent_y1.read_until([](auto& f) { return f.has_conversation_assigned(); },
                                   std::chrono::milliseconds(300)));
}

TEST_F(E2E, R_ROUTE_11_EndingFreesTheSlotForTheQueue) {
  auto a1 = agent("a1");
  auto buyer1 = buyer("end-1");
  auto buyer2 = buyer("end-2");
  auto buyer3 = buyer("end-3");
  auto c1 = conv_of(start_frame(*buyer1)).id();
  conv_of(start_frame(*buyer2));
  auto waiting = conv_of(start_frame(*buyer3));
  ASSERT_EQ(waiting.status(), v1::CONVERSATION_STATUS_QUEUED);

  auto ended = end_conversation(*a1, c1);
  ASSERT_TRUE(ended.has_conversation_ended()) << ended.DebugString();
  EXPECT_EQ(ended.conversation_ended().ended_by(), "a1");
  auto buyer_saw = buyer1->read_until([](auto& f) { return f.has_conversation_ended(); });
  ASSERT_TRUE(buyer_saw);
  // The freed slot goes to the waiting buyer at once.
  auto assigned = a1->read_until([&](auto& f) {
    return f.has_conversation_assigned() &&
           f.conversation_assigned().conversation().id() == waiting.id();
  });
  EXPECT_TRUE(assigned);
  // Nothing more can be written into an ended conversation.
  auto late = say(*buyer1, c1, "still there?", "late-1");
  ASSERT_TRUE(late.has_error());
  EXPECT_EQ(late.error().code(), v1::ERROR_CODE_CONFLICT);
  // Only its parties may end a conversation.
  auto stranger = end_conversation(*buyer2, c1);
  ASSERT_TRUE(stranger.has_error());
  EXPECT_EQ(stranger.error().code(), v1::ERROR_CODE_FORBIDDEN);
}

TEST_F(E2E, R_ROUTE_12_WritingAgainSoonContinuesTheSameConversation) {
  auto a1 = agent("a1");
  auto b = buyer("again-1");
  const std::string first = conv_of(start_frame(*b)).id();
  auto ended = end_conversation(*b, first);
  ASSERT_TRUE(ended.has_conversation_ended());
  auto again = start_frame(*b);
  EXPECT_EQ(conv_of(again).id(), first);
  EXPECT_EQ(conv_of(again).agent_id(), "a1");  // and R-ROUTE-5 brings back the same agent
  auto ack = say(*b, first, "one more question", "again-c1");
  EXPECT_TRUE(ack.has_ack()) << ack.DebugString();
}

TEST_F(E2E, RoutingDecisionsAreAudited) {
  auto a1 = agent("a1");
  auto b = buyer("audit-1");
  const std::string conv = conv_of(start_frame(*b)).id();
  auto entries = redis().command_array({"XRANGE", kShopKeyPrefix + "audit", "-", "+"});
  ASSERT_FALSE(entries.empty());
  const std::string& last = entries.back();
  EXPECT_NE(last.find(conv), std::string::npos);
  EXPECT_NE(last.find("R-ROUTE-6"), std::string::npos) << last;
  EXPECT_NE(last.find("a1"), std::string::npos) << last;
}

}  // namespace
}  // namespace kefu::test

namespace kefu::test {
namespace {

TEST_F(E2E, R_SHIFT_4_AnAgentWithTwoTabsIsOneAgent) {
  auto tab1 = agent("a1");
  auto tab2 = agent("a1", false);  // the second tab finds a1 online already
  auto b = buyer("two-tabs");
  const std::string conv = conv_of(start_frame(*b)).id();
  for (auto* tab : {tab1.get(), tab2.get()}) {
    auto got = tab->read_until([&](auto& f) {
      return f.has_conversation_assigned() && f.conversation_assigned().conversation().id() == conv;
    });
    EXPECT_TRUE(got);
  }
  // Closing one tab changes nothing: the other still serves, a1 still gets buyers.
  tab1.reset();
  EXPECT_TRUE(say(*tab2, conv, "还在的", "tab2-1").has_ack());
  auto b2 = buyer("two-tabs-2");
  EXPECT_EQ(conv_of(start_frame(*b2)).agent_id(), "a1");
}

}  // namespace
}  // namespace kefu::test

namespace kefu::test {
namespace {

TEST_F(E2E, R_ROUTE_7_ABuyerLeavingTheQueueMovesThoseBehindUp) {
  auto first = buyer("leaves-queue");
  auto second = buyer("stays-in-queue");
  const std::string gone = conv_of(start_frame(*first)).id();
  conv_of(start_frame(*second));
  ASSERT_TRUE(second->read_until(
      [](auto& f) { return f.has_queue_status() && f.queue_status().position() == 2; }));
  auto ended = end_conversation(*first, gone);
  ASSERT_TRUE(ended.has_conversation_ended());
  EXPECT_TRUE(second->read_until(
      [](auto& f) { return f.has_queue_status() && f.queue_status().position() == 1; }));
}

}  // namespace
}  // namespace kefu::test

namespace kefu::test {
namespace {

TEST_F(E2E, R_ROUTE_8_ANewCustomerGoesAheadOfAReturningOne) {
  // A returning buyer (served before) waits first; a buyer never seen comes after.
  redis().command_str(
      {"HSET", kShopKeyPrefix + "buyer:returning:last-agent", "agent", "a2", "at", "1"});
  auto returning = buyer("returning");
  auto newcomer = buyer("newcomer");
  conv_of(start_frame(*returning));
  const std::string fresh = conv_of(start_frame(*newcomer)).id();
  EXPECT_TRUE(newcomer->read_until(
      [](auto& f) { return f.has_queue_status() && f.queue_status().position() == 1; }));
  EXPECT_TRUE(returning->read_until(
      [](auto& f) { return f.has_queue_status() && f.queue_status().position() == 2; }));
  auto a1 = agent("a1");
  auto first = a1->read_until([](auto& f) { return f.has_conversation_assigned(); });
  ASSERT_TRUE(first);
  EXPECT_EQ(first->conversation_assigned().conversation().id(), fresh);
}

}  // namespace
}  // namespace kefu::test
