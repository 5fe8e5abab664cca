// R-ROUTE-10 end to end: an agent transfers to a colleague or a group with a note, escalates
// to a supervisor; a supervisor reassigns. The conversation moves atomically: the receiver gets
// it with the note, the sender loses it (and its slot), the buyer keeps chatting.
#include "e2e_fixture.h"

namespace kefu::test {
namespace {

const std::string kPrefix = "kefu:{shop1}:";

v1::ServerFrame transfer(WsClient& who, const std::string& conv, v1::TransferKind kind,
                         const std::string& to_agent, const std::string& to_group,
                         const std::string& note) {
  v1::ClientFrame f;
  auto* t = f.mutable_transfer_conversation();
  t->set_conversation_id(conv);
  t->set_kind(kind);
  t->set_to_agent_id(to_agent);
  t->set_to_group(to_group);
  t->set_note(note);
  auto answer = who.request(f);
  EXPECT_TRUE(answer) << "no answer to the transfer";
  return answer ? *answer : v1::ServerFrame{};
}

std::optional<v1::ServerFrame> assigned_to_me(WsClient& agent, const std::string& conv) {
  return agent.read_until([&](auto& f) {
    return f.has_conversation_assigned() && f.conversation_assigned().conversation().id() == conv;
  });
}

// a1 is the only one online when the buyer comes, so the conversation is a1's.
std::string conversation_of_a1(E2E& t, WsClient& a1, WsClient& b) {
  v1::ClientFrame f;
  f.mutable_start_conversation();
  auto started = b.request(f);
  EXPECT_TRUE(started && started->has_conversation_started());
  const auto& c = started->conversation_started().conversation();
  EXPECT_EQ(c.agent_id(), "a1");
  EXPECT_TRUE(assigned_to_me(a1, c.id()));
  (void)t;
  return c.id();
}

TEST_F(E2E, R_ROUTE_10_TransferToAColleagueWithANote) {
  auto a1 = agent("a1");
  auto b = buyer("tr-1");
  const std::string conv = conversation_of_a1(*this, *a1, *b);
  auto a2 = agent("a2");
  auto done = transfer(*a1, conv, v1::TRANSFER_KIND_TO_AGENT, "a2", "", "买家问尺码，a2 熟悉这款");
  ASSERT_TRUE(done.has_conversation_transferred()) << done.DebugString();
  EXPECT_EQ(done.conversation_transferred().to_agent_id(), "a2");

  auto got = assigned_to_me(*a2, conv);
  ASSERT_TRUE(got);
  const auto& c = got->conversation_assigned().conversation();
  EXPECT_EQ(c.transferred_from(), "a1");
  EXPECT_EQ(c.transfer_note(), "买家问尺码，a2 熟悉这款");
  EXPECT_EQ(c.routed_by(), "R-ROUTE-10 transfer_agent");
  EXPECT_EQ(redis().command_str({"HGET", kPrefix + "agent:a1", "load"}), "0");
  EXPECT_EQ(redis().command_str({"HGET", kPrefix + "agent:a2", "load"}), "1");

  // The new agent answers the buyer; the old one may no longer write.
  auto reply = say(*a2, conv, "亲，M 码合适", "a2-1");
  EXPECT_TRUE(reply.has_ack());
  EXPECT_TRUE(b->read_until([](auto& f) { return f.has_message(); }));
  auto old = say(*a1, conv, "还在吗", "a1-late");
  ASSERT_TRUE(old.has_error());
  EXPECT_EQ(old.error().code(), v1::ERROR_CODE_FORBIDDEN);
}

TEST_F(E2E, R_ROUTE_10_ATransferNeedsANoteAndTheServingAgent) {
  auto a1 = agent("a1");
  auto b = buyer("tr-2");
  const std::string conv = conversation_of_a1(*this, *a1, *b);
  auto a2 = agent("a2");
  auto no_note = transfer(*a1, conv, v1::TRANSFER_KIND_TO_AGENT, "a2", "", "");
  ASSERT_TRUE(no_note.has_error());
  EXPECT_EQ(no_note.error().code(), v1::ERROR_CODE_INVALID_ARGUMENT);
  // a2 cannot take a1's customer by transferring it to themself (R-ROUTE-5 [004]).
  auto not_theirs = transfer(*a2, conv, v1::TRANSFER_KIND_TO_AGENT, "a2", "", "mine now");
  ASSERT_TRUE(not_theirs.has_error());
  EXPECT_EQ(not_theirs.error().code(), v1::ERROR_CODE_FORBIDDEN);
  // Nor reassign it: that is a supervisor's.
  auto reassign = transfer(*a2, conv, v1::TRANSFER_KIND_REASSIGN, "a2", "", "mine now");
  ASSERT_TRUE(reassign.has_error());
  EXPECT_EQ(reassign.error().code(), v1::ERROR_CODE_FORBIDDEN);
  auto unknown = transfer(*a1, conv, v1::TRANSFER_KIND_TO_AGENT, "nobody", "", "x");
  ASSERT_TRUE(unknown.has_error());
  EXPECT_EQ(unknown.error().code(), v1::ERROR_CODE_NOT_FOUND);
  // An offline colleague cannot receive it.
  auto offline = transfer(*a1, conv, v1::TRANSFER_KIND_TO_AGENT, "b1", "", "after-sale question");
  ASSERT_TRUE(offline.has_error());
  EXPECT_EQ(offline.error().code(), v1::ERROR_CODE_CONFLICT);
}

TEST_F(E2E, R_ROUTE_10_TransferToAGroupQueuesUntilSomeoneThereComesOnline) {
  auto a1 = agent("a1");
  auto b = buyer("tr-3");
  const std::string conv = conversation_of_a1(*this, *a1, *b);
  auto done = transfer(*a1, conv, v1::TRANSFER_KIND_TO_GROUP, "", "aftersale", "退货问题");
  ASSERT_TRUE(done.has_conversation_transferred()) << done.DebugString();
  EXPECT_EQ(done.conversation_transferred().to_group(), "aftersale");
  EXPECT_EQ(done.conversation_transferred().to_agent_id(), "");
  auto q = b->read_until([](auto& f) { return f.has_queue_status(); });
  ASSERT_TRUE(q);
  EXPECT_EQ(q->queue_status().position(), 1);
  // b1 comes online: the after-sale queue drains to them, with the note.
  auto b1 = agent("b1");
  auto got = assigned_to_me(*b1, conv);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->conversation_assigned().conversation().group(), "aftersale");
}

TEST_F(E2E, R_ROUTE_10_EscalationGoesToASupervisorWhoMayReassign) {
  auto a1 = agent("a1");
  auto b = buyer("tr-4");
  const std::string conv = conversation_of_a1(*this, *a1, *b);
  auto sup = agent("sup1");
  auto done = transfer(*a1, conv, v1::TRANSFER_KIND_ESCALATE, "", "", "买家要求投诉，无法处理");
  ASSERT_TRUE(done.has_conversation_transferred()) << done.DebugString();
  EXPECT_EQ(done.conversation_transferred().to_agent_id(), "sup1");
  ASSERT_TRUE(assigned_to_me(*sup, conv));

  // The supervisor hands it to a2.
  auto a2 = agent("a2");
  auto moved = transfer(*sup, conv, v1::TRANSFER_KIND_REASSIGN, "a2", "", "按流程退款");
  ASSERT_TRUE(moved.has_conversation_transferred()) << moved.DebugString();
  auto got = assigned_to_me(*a2, conv);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->conversation_assigned().conversation().routed_by(), "R-ROUTE-10 reassign");
  auto audit = redis().command_array({"XRANGE", kPrefix + "audit", "-", "+"});
  int transfers = 0;
  for (const auto& e : audit)
    if (e.find("transferred") != std::string::npos) ++transfers;
  EXPECT_EQ(transfers, 2);
}

}  // namespace
}  // namespace kefu::test
