// End to end: the real kefu-server, a real Redis, buyers and agents as real WebSocket
// clients (issue 2: round trip, ack after store, idempotent resend, resume, bad input).
#include "e2e_fixture.h"

namespace kefu::test {
namespace {

bool is_message(const v1::ServerFrame& f) { return f.has_message(); }

TEST_F(E2E, BuyerAndAgentRoundTrip) {
  auto a1 = agent("a1");
  auto b = buyer("buyer-1");
  const std::string conv = start(*b);
  ASSERT_FALSE(conv.empty());

  auto assigned = a1->read_until([](auto& f) { return f.has_conversation_assigned(); });
  ASSERT_TRUE(assigned);
  EXPECT_EQ(assigned->conversation_assigned().conversation().id(), conv);
  EXPECT_EQ(assigned->conversation_assigned().conversation().buyer_id(), "buyer-1");

  auto ack = say(*b, conv, "你好，这件衣服有M码吗？", "c-1");
  ASSERT_TRUE(ack.has_ack()) << ack.DebugString();
  const std::string id = ack.ack().message_id();
  EXPECT_FALSE(ack.ack().duplicate());

  auto got = a1->read_until(is_message);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->message().message().id(), id);
  EXPECT_EQ(got->message().message().text(), "你好，这件衣服有M码吗？");
  EXPECT_EQ(got->message().message().sender_role(), v1::ROLE_BUYER);

  auto reply = say(*a1, conv, "亲，有的哦", "a-1");
  ASSERT_TRUE(reply.has_ack());
  auto back = b->read_until([&](auto& f) {
    return f.has_message() && f.message().message().sender_role() == v1::ROLE_AGENT;
  });
  ASSERT_TRUE(back);
  EXPECT_EQ(back->message().message().text(), "亲，有的哦");
  EXPECT_EQ(back->message().message().id(), reply.ack().message_id());
}

TEST_F(E2E, AckComesOnlyAfterTheMessageIsInRedis) {
  auto b = buyer("buyer-2");
  const std::string conv = start(*b);
  auto ack = say(*b, conv, "stored?", "c-1");
  ASSERT_TRUE(ack.has_ack());
  auto entries = redis().command_array({"XRANGE", "kefu:{shop1}:conv:" + conv + ":msgs", "-", "+"});
  ASSERT_FALSE(entries.empty());
  EXPECT_NE(entries.front().find(ack.ack().message_id()), std::string::npos);
}

TEST_F(E2E, ResendWithTheSameClientIdIsStoredOnce) {
  auto b = buyer("buyer-3");
  const std::string conv = start(*b);
  auto first = say(*b, conv, "once", "same-id");
  auto second = say(*b, conv, "once", "same-id");
  ASSERT_TRUE(first.has_ack());
  ASSERT_TRUE(second.has_ack());
  EXPECT_EQ(first.ack().message_id(), second.ack().message_id());
  EXPECT_TRUE(second.ack().duplicate());
  EXPECT_EQ(redis().command_str({"XLEN", "kefu:{shop1}:conv:" + conv + ":msgs"}), "1");
}

TEST_F(E2E, ReconnectingAgentGetsEverythingAfterTheLastIdSeen) {
  auto a1 = agent("a1");
  auto b = buyer("buyer-4");
  const std::string conv = start(*b);
  auto first = say(*b, conv, "one", "c-1");
  auto seen = a1->read_until(is_message);
  ASSERT_TRUE(seen);
  const std::string last_seen = seen->message().message().id();
  a1.reset();  // the agent's connection drops

  std::vector<std::string> later;
  for (int i = 2; i <= 4; ++i)
    later.push_back(
        say(*b, conv, "msg " + std::to_string(i), "c-" + std::to_string(i)).ack().message_id());

  auto again = agent("a1", /*online=*/false);
  v1::ClientFrame sync;
  sync.set_request_id("sync-1");
  sync.mutable_sync_conversation()->set_conversation_id(conv);
  sync.mutable_sync_conversation()->set_after_message_id(last_seen);
  again->send(sync);
  std::vector<std::string> got;
  while (true) {
    auto f = again->answer("sync-1");
    ASSERT_TRUE(f);
    if (f->has_sync_done()) {
      EXPECT_EQ(f->sync_done().last_message_id(), later.back());
      break;
    }
    ASSERT_TRUE(f->has_message()) << f->DebugString();
    got.push_back(f->message().message().id());
  }
  EXPECT_EQ(got, later);
}

TEST_F(E2E, WelcomeListsTheAgentsConversationsAfterReconnect) {
  auto a1 = agent("a1");
  auto b = buyer("buyer-5");
  const std::string conv = start(*b);
  a1.reset();
  auto c = std::make_unique<WsClient>(port());
  auto welcome = c->request(hello_agent(login("a1")));
  ASSERT_TRUE(welcome && welcome->has_welcome());
  ASSERT_EQ(welcome->welcome().conversations_size(), 1);
  EXPECT_EQ(welcome->welcome().conversations(0).id(), conv);
  EXPECT_EQ(welcome->welcome().presence(), v1::PRESENCE_ONLINE);
}

TEST_F(E2E, BuyerResumesTheSameConversation) {
  auto b = buyer("buyer-6");
  const std::string conv = start(*b);
  b.reset();
  auto again = buyer("buyer-6");
  v1::ClientFrame f;
  f.mutable_start_conversation();
  auto started = again->request(f);
  ASSERT_TRUE(started && started->has_conversation_started());
  EXPECT_TRUE(started->conversation_started().resumed());
  EXPECT_EQ(started->conversation_started().conversation().id(), conv);
}

TEST_F(E2E, QueuedConversationGoesToTheAgentWhoComesOnline) {
  auto b = buyer("buyer-7");
  v1::ClientFrame f;
  f.mutable_start_conversation();
  auto started = b->request(f);
  ASSERT_TRUE(started && started->has_conversation_started());
  EXPECT_EQ(started->conversation_started().conversation().status(),
            v1::CONVERSATION_STATUS_QUEUED);
  auto a2 = agent("a2");
  auto assigned = a2->read_until([](auto& fr) { return fr.has_conversation_assigned(); });
  ASSERT_TRUE(assigned);
  EXPECT_EQ(assigned->conversation_assigned().conversation().id(),
            started->conversation_started().conversation().id());
  auto told = b->read_until([](auto& fr) { return fr.has_conversation_assigned(); });
  ASSERT_TRUE(told);
  EXPECT_EQ(told->conversation_assigned().conversation().agent_id(), "a2");
}

TEST_F(E2E, LeastLoadedAgentGetsTheNextConversation) {
  auto a1 = agent("a1");
  auto a2 = agent("a2");
  auto b1 = buyer("buyer-8");
  auto b2 = buyer("buyer-9");
  start(*b1);
  start(*b2);
  auto x = a1->read_until([](auto& f) { return f.has_conversation_assigned(); },
                          std::chrono::seconds(2));
  auto y = a2->read_until([](auto& f) { return f.has_conversation_assigned(); },
                          std::chrono::seconds(2));
  EXPECT_TRUE(x && y) << "each agent should have one of the two conversations";
}

TEST_F(E2E, JsonTextFramesAreAnsweredInJson) {
  auto a1 = agent("a1");
  auto b = buyer("buyer-10", /*json=*/true);
  const std::string conv = start(*b);
  auto ack = say(*b, conv, "json works", "j-1");
  ASSERT_TRUE(ack.has_ack());
  EXPECT_NE(b->last_text().find("\"ack\""), std::string::npos) << b->last_text();
  auto got = a1->read_until(is_message);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->message().message().text(), "json works");
}

TEST_F(E2E, AgentCannotWriteIntoAnotherAgentsConversation) {
  auto a1 = agent("a1");
  auto b = buyer("buyer-11");
  const std::string conv = start(*b);
  auto a2 = agent("a2");
  auto answer = say(*a2, conv, "not mine", "x-1");
  ASSERT_TRUE(answer.has_error());
  EXPECT_EQ(answer.error().code(), v1::ERROR_CODE_FORBIDDEN);
  auto unknown = say(*a2, "999999", "nobody's", "x-2");
  ASSERT_TRUE(unknown.has_error());
  EXPECT_EQ(unknown.error().code(), v1::ERROR_CODE_NOT_FOUND);
}

}  // namespace
}  // namespace kefu::test

namespace kefu::test {
namespace {

TEST_F(E2E, TheFactsOfEveryFigureAreRecordedAsTheChatHappens) {
  // Issue 5: assignment, each buyer and agent message, the end; in order, with times.
  auto a1 = agent("a1");
  auto b = buyer("facts-1");
  const std::string conv = start(*b);
  ASSERT_TRUE(say(*b, conv, "在吗", "b-1").has_ack());
  ASSERT_TRUE(say(*a1, conv, "在的亲", "a-1").has_ack());
  v1::ClientFrame end;
  end.mutable_end_conversation()->set_conversation_id(conv);
  b->send(end);
  ASSERT_TRUE(b->read_until([](auto& f) { return f.has_conversation_ended(); }));
  std::vector<std::string> kinds;
  for (const auto& entry : redis().command_array({"XRANGE", "kefu:{shop1}:facts", "-", "+"})) {
    const auto at = entry.find("\nt\n");
    ASSERT_NE(at, std::string::npos) << entry;
    kinds.push_back(entry.substr(at + 3, entry.find('\n', at + 3) - at - 3));
    EXPECT_NE(entry.find("\nconv\n" + conv + "\n"), std::string::npos) << entry;
    EXPECT_NE(entry.find("\nat\n"), std::string::npos) << entry;
  }
  EXPECT_EQ(kinds, (std::vector<std::string>{"assigned", "buyer_msg", "agent_msg", "ended"}));
}

}  // namespace
}  // namespace kefu::test
