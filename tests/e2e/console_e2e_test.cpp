// Issue 6 end to end: what the agent console and the buyer window add to the protocol: typing
// hints and read marks passed to the other party, quick replies (R-MSG-3), the buyer's earlier
// conversations, and images in messages.
#include "e2e_fixture.h"

namespace kefu::test {
namespace {

v1::ClientFrame typing(const std::string& conv, bool on) {
  v1::ClientFrame f;
  f.mutable_set_typing()->set_conversation_id(conv);
  f.mutable_set_typing()->set_typing(on);
  return f;
}

v1::ClientFrame mark_read(const std::string& conv, const std::string& id) {
  v1::ClientFrame f;
  f.mutable_mark_read()->set_conversation_id(conv);
  f.mutable_mark_read()->set_message_id(id);
  return f;
}

// A buyer with a1's conversation, assigned and seen by a1.
std::string assigned(E2E& t, WsClient& a1, WsClient& b) {
  (void)t;
  v1::ClientFrame f;
  f.mutable_start_conversation();
  auto started = b.request(f);
  EXPECT_TRUE(started && started->has_conversation_started());
  const std::string conv = started->conversation_started().conversation().id();
  EXPECT_TRUE(a1.read_until([&](auto& fr) { return fr.has_conversation_assigned(); }));
  return conv;
}

TEST_F(E2E, TypingIsPassedToTheOtherPartyOnly) {
  auto a1 = agent("a1");
  auto b = buyer("typing-buyer");
  const std::string conv = assigned(*this, *a1, *b);

  auto answer = b->request(typing(conv, true));
  ASSERT_TRUE(answer && answer->has_typing_changed()) << (answer ? answer->DebugString() : "");
  auto seen = a1->read_until([](auto& f) { return f.has_typing_changed(); });
  ASSERT_TRUE(seen);
  EXPECT_EQ(seen->typing_changed().conversation_id(), conv);
  EXPECT_EQ(seen->typing_changed().role(), v1::ROLE_BUYER);
  EXPECT_TRUE(seen->typing_changed().typing());

  ASSERT_TRUE(a1->request(typing(conv, true)));
  auto back = b->read_until([](auto& f) { return f.has_typing_changed(); });
  ASSERT_TRUE(back);
  EXPECT_EQ(back->typing_changed().role(), v1::ROLE_AGENT);

  // Someone else's conversation: refused, nobody told.
  auto a2 = agent("a2");
  auto refused = a2->request(typing(conv, true));
  ASSERT_TRUE(refused && refused->has_error());
  EXPECT_EQ(refused->error().code(), v1::ERROR_CODE_FORBIDDEN);
}

TEST_F(E2E, ReadMarksMoveForwardOnlyAndReachTheOtherParty) {
  auto a1 = agent("a1");
  auto b = buyer("read-buyer");
  const std::string conv = assigned(*this, *a1, *b);
  const std::string first = say(*b, conv, "在吗", "c-1").ack().message_id();
  const std::string reply = say(*a1, conv, "在的，请问有什么可以帮您？", "a-1").ack().message_id();

  auto agent_read = a1->request(mark_read(conv, first));
  ASSERT_TRUE(agent_read && agent_read->has_read_state());
  EXPECT_EQ(agent_read->read_state().agent_read_id(), first);
  auto told = b->read_until([](auto& f) { return f.has_read_state(); });
  ASSERT_TRUE(told);
  EXPECT_EQ(told->read_state().agent_read_id(), first);

  auto buyer_read = b->request(mark_read(conv, reply));
  ASSERT_TRUE(buyer_read && buyer_read->has_read_state());
  EXPECT_EQ(buyer_read->read_state().buyer_read_id(), reply);
  auto seen = a1->read_until(
      [](auto& f) { return f.has_read_state() && !f.read_state().buyer_read_id().empty(); });
  ASSERT_TRUE(seen);
  EXPECT_EQ(seen->read_state().buyer_read_id(), reply);

  // Back to an earlier message: the mark stays; past the last message: it stops there.
  auto back = b->request(mark_read(conv, first));
  EXPECT_EQ(back->read_state().buyer_read_id(), reply);
  auto ahead = a1->request(mark_read(conv, "99999999999999-0"));
  EXPECT_EQ(ahead->read_state().agent_read_id(), reply);
}

TEST_F(E2E, R_MSG_3_QuickRepliesAreTheShopsThenTheAgentsOwn) {
  auto a1 = agent("a1");
  v1::ClientFrame list;
  list.mutable_list_quick_replies();
  auto shop_only = a1->request(list);
  ASSERT_TRUE(shop_only && shop_only->has_quick_reply_list());
  const int shared = shop_only->quick_reply_list().replies_size();
  ASSERT_GT(shared, 0);
  EXPECT_TRUE(shop_only->quick_reply_list().replies(0).shared());

  v1::ClientFrame save;
  save.mutable_save_quick_reply()->set_shortcut("gift");
  save.mutable_save_quick_reply()->set_text("可以帮您包装成礼品，免费的哦");
  auto saved = a1->request(save);
  ASSERT_TRUE(saved && saved->has_quick_reply_list()) << saved->DebugString();
  ASSERT_EQ(saved->quick_reply_list().replies_size(), shared + 1);
  const auto own = saved->quick_reply_list().replies(shared);
  EXPECT_FALSE(own.shared());
  EXPECT_EQ(own.shortcut(), "gift");
  EXPECT_FALSE(own.id().empty());

  // Another agent does not see it.
  auto a2 = agent("a2");
  EXPECT_EQ(a2->request(list)->quick_reply_list().replies_size(), shared);

  // Edited in place, then deleted.
  save.mutable_save_quick_reply()->set_id(own.id());
  save.mutable_save_quick_reply()->set_text("礼品包装免费");
  auto edited = a1->request(save);
  ASSERT_EQ(edited->quick_reply_list().replies_size(), shared + 1);
  EXPECT_EQ(edited->quick_reply_list().replies(shared).text(), "礼品包装免费");
  v1::ClientFrame del;
  del.mutable_delete_quick_reply()->set_id(own.id());
  EXPECT_EQ(a1->request(del)->quick_reply_list().replies_size(), shared);

  // The shop's library is not the agent's to change; a buyer has no quick replies.
  save.mutable_save_quick_reply()->set_id("shop:1");
  EXPECT_EQ(a1->request(save)->error().code(), v1::ERROR_CODE_FORBIDDEN);
  save.mutable_save_quick_reply()->set_id("");
  save.mutable_save_quick_reply()->set_text("");
  EXPECT_EQ(a1->request(save)->error().code(), v1::ERROR_CODE_INVALID_ARGUMENT);
  auto b = buyer("qr-buyer");
  EXPECT_EQ(b->request(list)->error().code(), v1::ERROR_CODE_FORBIDDEN);
}

TEST_F(E2E, TheAgentSeesTheBuyersEarlierConversations) {
  auto a1 = agent("a1");
  auto b = buyer("returning-buyer");
  const std::string first = assigned(*this, *a1, *b);
  say(*b, first, "第一次咨询：尺码", "c-1");
  say(*a1, first, "建议选 M 码", "a-1");
  v1::ClientFrame end;
  end.mutable_end_conversation()->set_conversation_id(first);
  b->send(end);
  ASSERT_TRUE(b->read_until([](auto& f) { return f.has_conversation_ended(); }));
  // Past R-ROUTE-12's same-session window: a new conversation.
  advance_server_time(std::chrono::minutes(11));
  // a1 shows they are still here after the jump (R-SHIFT-4 would take an idle agent out).
  v1::ClientFrame online;
  online.mutable_set_presence()->set_presence(v1::PRESENCE_ONLINE);
  ASSERT_TRUE(a1->request(online));
  const std::string second = assigned(*this, *a1, *b);
  ASSERT_NE(first, second);

  v1::ClientFrame ask;
  ask.mutable_list_buyer_history()->set_conversation_id(second);
  auto history = a1->request(ask);
  ASSERT_TRUE(history && history->has_buyer_history()) << history->DebugString();
  EXPECT_EQ(history->buyer_history().buyer_id(), "returning-buyer");
  ASSERT_EQ(history->buyer_history().conversations_size(), 1);
  const auto& past = history->buyer_history().conversations(0);
  EXPECT_EQ(past.conversation().id(), first);
  EXPECT_EQ(past.conversation().status(), v1::CONVERSATION_STATUS_ENDED);
  ASSERT_EQ(past.messages_size(), 2);
  EXPECT_EQ(past.messages(0).text(), "第一次咨询：尺码");
  EXPECT_EQ(past.messages(1).text(), "建议选 M 码");
  EXPECT_GT(past.ended_at_ms(), 0);

  // Only for the agent serving the buyer now.
  auto a2 = agent("a2");
  EXPECT_EQ(a2->request(ask)->error().code(), v1::ERROR_CODE_FORBIDDEN);
}

TEST_F(E2E, AnImageTravelsInTheMessageAndBadOnesAreRefused) {
  auto a1 = agent("a1");
  auto b = buyer("image-buyer");
  const std::string conv = assigned(*this, *a1, *b);
  const std::string png =
      "data:image/"
      "png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+"
      "M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
  v1::ClientFrame f;
  auto* m = f.mutable_send_message();
  m->set_conversation_id(conv);
  m->set_client_message_id("img-1");
  m->set_image_url(png);
  auto ack = b->request(f);
  ASSERT_TRUE(ack && ack->has_ack()) << ack->DebugString();
  auto got = a1->read_until(
      [](auto& fr) { return fr.has_message() && !fr.message().message().image_url().empty(); });
  ASSERT_TRUE(got);
  EXPECT_EQ(got->message().message().image_url(), png);
  EXPECT_EQ(got->message().message().text(), "");

  m->set_client_message_id("img-2");
  m->set_image_url("javascript:alert(1)");
  auto refused = b->request(f);
  ASSERT_TRUE(refused && refused->has_error());
  EXPECT_EQ(refused->error().code(), v1::ERROR_CODE_INVALID_ARGUMENT);
}

TEST_F(E2E, TheWelcomeTellsTheAgentTheirGroupColleaguesAndShift) {
  auto client = std::make_unique<WsClient>(port());
  auto welcome = client->request(hello_agent(login("a1")));
  ASSERT_TRUE(welcome && welcome->has_welcome()) << welcome->DebugString();
  const auto& w = welcome->welcome();
  EXPECT_EQ(w.group(), "presale");
  EXPECT_GE(w.groups_size(), 2);
  bool sees_a2 = false, sees_self = false;
  for (const auto& c : w.colleagues()) {
    sees_a2 |= c.id() == "a2";
    sees_self |= c.id() == "a1";
  }
  EXPECT_TRUE(sees_a2);
  EXPECT_FALSE(sees_self);
  // shop1 keeps no rota: everyone is on shift around the clock (all_day).
  EXPECT_TRUE(w.shift().on_shift());
}

}  // namespace
}  // namespace kefu::test

namespace kefu::test {
namespace {

TEST_F(E2E, TheBuyerSeesTheirOwnOrderWithoutTheStaffsNotes) {
  put_order("order-buyer", "O-1", "PAID", server_now_ms());
  put_order("someone-else", "O-2", "PAID", server_now_ms());
  auto a1 = agent("a1");
  v1::ClientFrame note;
  note.mutable_save_note()->set_order_id("O-1");
  note.mutable_save_note()->set_text("买家要求顺丰");
  note.mutable_save_note()->set_flag(v1::NOTE_FLAG_RED);
  ASSERT_TRUE(a1->request(note)->has_note_saved());

  auto b = buyer("order-buyer");
  v1::ClientFrame get;
  get.mutable_get_order()->set_order_id("O-1");
  auto mine = b->request(get);
  ASSERT_TRUE(mine && mine->has_order_view()) << mine->DebugString();
  EXPECT_EQ(mine->order_view().order().order_id(), "O-1");
  EXPECT_EQ(mine->order_view().order().state(), v1::PAID);
  EXPECT_EQ(mine->order_view().notes_size(), 0);

  get.mutable_get_order()->set_order_id("O-2");
  EXPECT_EQ(b->request(get)->error().code(), v1::ERROR_CODE_NOT_FOUND);
  v1::ClientFrame list;
  list.mutable_list_orders()->set_buyer_id("order-buyer");
  EXPECT_EQ(b->request(list)->error().code(), v1::ERROR_CODE_FORBIDDEN);
}

}  // namespace
}  // namespace kefu::test
