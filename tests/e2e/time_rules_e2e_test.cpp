// The time rules end to end (R-SHIFT-1, 3, 4; R-ROUTE-5, 7, 9, 11, 12): the server runs with
// --test-clock and each test puts it at the minute it needs (21:59, 22:00, 06:00, ten minutes
// later) instead of waiting. Agents ping after a jump, as the console does every 15 s, so their
// connections count as alive at the new time. Events of the routing tick (every 2 s of real
// time) are awaited with read timeouts.
#include <map>
#include <set>
#include <thread>

#include "e2e_fixture.h"

namespace kefu::test {
namespace {

using namespace std::chrono_literals;

constexpr std::int64_t kWeekMs = 7LL * 24 * 3600 * 1000;

void go_online(WsClient& c) {
  v1::ClientFrame f;
  f.mutable_set_presence()->set_presence(v1::PRESENCE_ONLINE);
  auto answer = c.request(f);
  ASSERT_TRUE(answer && answer->has_presence_changed());
}

class TimeRules : public E2E {
 protected:
  std::unique_ptr<WsClient> shop_agent(const std::string& id) {
    auto c = std::make_unique<WsClient>(port());
    auto welcome = c->request(hello_agent(login(id)));
    EXPECT_TRUE(welcome && welcome->has_welcome());
    go_online(*c);
    return c;
  }
  // At 10:00 a1 serves the buyer once, and the buyer ends the chat.
  struct Served {
    std::unique_ptr<WsClient> a1;
    std::unique_ptr<WsClient> buyer;
    v1::Conversation first;
  };
  Served served_once(const std::string& buyer_id) {
    set_server_time(shanghai_ms(2026, 1, 15, 10, 0));
    Served out{shop_agent("a1"), buyer(buyer_id), {}};
    out.first = start_conversation(*out.buyer);
    v1::ClientFrame end;
    end.mutable_end_conversation()->set_conversation_id(out.first.id());
    out.buyer->send(end);
    EXPECT_TRUE(out.buyer->read_until([](auto& f) { return f.has_conversation_ended(); }));
    return out;
  }
  std::unique_ptr<WsClient> shop_buyer(const std::string& id, const char* shop) {
    auto c = std::make_unique<WsClient>(port());
    auto welcome = c->request(hello_buyer(buyer_token(id, kWeekMs, shop)));
    EXPECT_TRUE(welcome && welcome->has_welcome());
    return c;
  }
};

TEST_F(TimeRules, R_SHIFT_1_AtTwentyTwoTheNightShiftTakesOver) {
  set_server_time(shanghai_ms(2026, 1, 15, 21, 59));
  auto m1 = shop_agent("m1");
  auto n1 = shop_agent("n1");
  auto before = shop_buyer("late-1", kShiftShop);
  EXPECT_EQ(start_conversation(*before).agent_id(), "m1");  // 21:59 is still 中班

  set_server_time(shanghai_ms(2026, 1, 15, 22, 0));
  ping(*m1);
  ping(*n1);
  auto after = shop_buyer("late-2", kShiftShop);
  EXPECT_EQ(start_conversation(*after).agent_id(), "n1");  // 22:00 is 夜班
}

TEST_F(TimeRules, R_SHIFT_1_TheNightShiftRunsAcrossMidnight) {
  set_server_time(shanghai_ms(2026, 1, 16, 2, 0));
  auto e1 = shop_agent("e1");
  auto m1 = shop_agent("m1");
  auto n1 = shop_agent("n1");
  auto b = shop_buyer("night-1", kShiftShop);
  EXPECT_EQ(start_conversation(*b).agent_id(), "n1");  // 02:00 belongs to the 15th's night shift
}

TEST_F(TimeRules, R_SHIFT_3_AnExtendedAgentKeepsTheirChatAndTheExtraTimeIsKept) {
  set_server_time(shanghai_ms(2026, 1, 15, 21, 50));
  auto m1 = shop_agent("m1");
  auto b1 = shop_buyer("ext-1", kShiftShop);
  const auto conv = start_conversation(*b1);
  ASSERT_EQ(conv.agent_id(), "m1");

  set_server_time(shanghai_ms(2026, 1, 15, 22, 0));
  auto n1 = shop_agent("n1");
  ping(*m1);
  auto b2 = shop_buyer("ext-2", kShiftShop);
  EXPECT_EQ(start_conversation(*b2).agent_id(), "n1");  // m1 gets nothing new after 22:00

  set_server_time(shanghai_ms(2026, 1, 15, 22, 30));
  v1::ClientFrame f;
  f.mutable_send_message()->set_conversation_id(conv.id());
  f.mutable_send_message()->set_client_message_id("m1-late");
  f.mutable_send_message()->set_text("好的，已为您登记");
  auto ack = m1->request(f);
  ASSERT_TRUE(ack && ack->has_ack());  // still theirs
  v1::ClientFrame end;
  end.mutable_end_conversation()->set_conversation_id(conv.id());
  m1->send(end);
  ASSERT_TRUE(m1->read_until([](auto& fr) { return fr.has_conversation_ended(); }));
  // The record is written right after the end is announced.
  std::string overtime;
  for (int i = 0; i < 50 && overtime.empty(); ++i) {
    auto rows = redis().command_array({"XRANGE", "kefu:{shop4}:overtime", "-", "+"});
    if (!rows.empty() && !rows.front().empty()) overtime = rows.front();
    if (overtime.empty()) std::this_thread::sleep_for(20ms);
  }
  EXPECT_NE(overtime.find("m1"), std::string::npos) << overtime;
  // 30 min past 22:00 (plus the real milliseconds the test itself took).
  const auto at = overtime.find("extra_ms\n");
  ASSERT_NE(at, std::string::npos) << overtime;
  const long long extra = std::stoll(overtime.substr(at + 9));
  EXPECT_GE(extra, 1800000);
  EXPECT_LT(extra, 1800000 + 5000);
}

TEST_F(TimeRules, R_ROUTE_9_ALeftMessageIsServedFirstWhenTheShiftStarts) {
  // shop3's y1 works the early shift (06:00) three days from now; nobody before that.
  const std::string date = shop_date_in_days(3);
  const int y = std::stoi(date.substr(0, 4));
  const unsigned m = static_cast<unsigned>(std::stoi(date.substr(5, 2)));
  const unsigned d = static_cast<unsigned>(std::stoi(date.substr(8, 2)));
  set_server_time(shanghai_ms(y, m, d, 5, 59));
  auto y1 = shop_agent("y1");
  auto b = shop_buyer("leaves-msg", kRotaShop);
  const auto conv = start_conversation(*b);
  ASSERT_EQ(conv.routed_by(), "R-ROUTE-9 left message");

  set_server_time(shanghai_ms(y, m, d, 6, 0));
  ping(*y1);
  // The routing tick notices the shift start and serves the left message first.
  auto got = y1->read_until(
      [&](auto& f) {
        return f.has_conversation_assigned() &&
               f.conversation_assigned().conversation().id() == conv.id();
      },
      5s);
  ASSERT_TRUE(got);
  EXPECT_TRUE(b->read_until([](auto& f) { return f.has_conversation_assigned(); }));
}

TEST_F(TimeRules, R_SHIFT_4_AQuietConnectionAndAnIdleAgentGetNothing) {
  set_server_time(shanghai_ms(2026, 1, 15, 10, 0));
  auto a1 = shop_agent("a1");
  // A minute without a heartbeat: the connection counts as dead (default 45 s).
  advance_server_time(60s);
  auto b1 = buyer("quiet-1");
  EXPECT_EQ(start_conversation(*b1).status(), v1::CONVERSATION_STATUS_QUEUED);
  // The console's heartbeat comes back: the next tick gives a1 the waiting buyer.
  ping(*a1);
  EXPECT_TRUE(a1->read_until([](auto& f) { return f.has_conversation_assigned(); }, 5s));

  // Heartbeats but no activity for 16 minutes: idle (严禁空挂, default 15 min).
  advance_server_time(16min);
  ping(*a1);
  auto b2 = buyer("quiet-2");
  EXPECT_EQ(start_conversation(*b2).status(), v1::CONVERSATION_STATUS_QUEUED);
}

TEST_F(TimeRules, R_ROUTE_11_ABuyerSilentTenMinutesAfterTheReplyEndsTheChat) {
  set_server_time(shanghai_ms(2026, 1, 15, 10, 0));
  auto a1 = shop_agent("a1");
  auto b = buyer("silent-1");
  const auto conv = start_conversation(*b);
  ASSERT_TRUE(say(*a1, conv.id(), "亲，还有什么可以帮您？", "a-1").has_ack());
  advance_server_time(9min);
  ping(*a1);
  EXPECT_FALSE(b->read_until([](auto& f) { return f.has_conversation_ended(); }, 2500ms));
  advance_server_time(2min);
  auto ended = b->read_until([](auto& f) { return f.has_conversation_ended(); }, 5s);
  ASSERT_TRUE(ended);
  EXPECT_EQ(ended->conversation_ended().ended_by_role(), v1::ROLE_SYSTEM);
  EXPECT_EQ(redis().command_str({"HGET", "kefu:{shop1}:agent:a1", "load"}), "0");
}

TEST_F(TimeRules, R_ROUTE_12_AfterTenMinutesANewConversationStartsWithTheSameAgent) {
  auto [a1, b, first] = served_once("later-1");
  ASSERT_EQ(first.agent_id(), "a1");
  advance_server_time(11min);
  ping(*a1);
  auto a2 = shop_agent("a2");  // less loaded than a1? Both empty: stickiness decides
  ping(*a1);
  const auto second = start_conversation(*b);
  EXPECT_NE(second.id(), first.id());
  EXPECT_EQ(second.agent_id(), "a1");
  EXPECT_EQ(second.routed_by(), "R-ROUTE-5 sticky");
}

TEST_F(TimeRules, R_ROUTE_5_ThePreviousAgentAtCapacityFallsToAnother) {
  auto [a1, b, first] = served_once("sticky-full");
  ASSERT_EQ(first.agent_id(), "a1");
  // a1 fills both slots, then the buyer comes back after the same-session window.
  auto other1 = buyer("fill-1");
  auto other2 = buyer("fill-2");
  ASSERT_EQ(start_conversation(*other1).agent_id(), "a1");
  ASSERT_EQ(start_conversation(*other2).agent_id(), "a1");
  advance_server_time(11min);
  ping(*a1);
  auto a2 = shop_agent("a2");
  const auto second = start_conversation(*b);
  EXPECT_EQ(second.agent_id(), "a2");
  EXPECT_EQ(second.routed_by(), "R-ROUTE-6 least_loaded");
}

TEST_F(TimeRules, R_ROUTE_7_TwoAgentsComingOnlineAtOnceDrainInArrivalOrder) {
  set_server_time(shanghai_ms(2026, 1, 15, 10, 0));
  std::vector<std::unique_ptr<WsClient>> buyers;
  std::vector<std::string> convs;
  for (int i = 0; i < 4; ++i) {
    buyers.push_back(buyer("both-" + std::to_string(i)));
    convs.push_back(start_conversation(*buyers.back()).id());
    advance_server_time(1s);  // distinct arrival times
  }
  auto a1 = std::make_unique<WsClient>(port());
  auto a2 = std::make_unique<WsClient>(port());
  ASSERT_TRUE(a1->request(hello_agent(login("a1"))));
  ASSERT_TRUE(a2->request(hello_agent(login("a2"))));
  v1::ClientFrame online;
  online.mutable_set_presence()->set_presence(v1::PRESENCE_ONLINE);
  a1->send(online);
  a2->send(online);
  std::map<std::string, std::set<std::string>> got;
  for (const auto& [name, client] : {std::pair{"a1", a1.get()}, std::pair{"a2", a2.get()}}) {
    for (int i = 0; i < 2; ++i) {
      auto f = client->read_until([](auto& fr) { return fr.has_conversation_assigned(); });
      ASSERT_TRUE(f) << name;
      got[name].insert(f->conversation_assigned().conversation().id());
    }
  }
  // Whoever drained first took the two oldest; the other the next two.
  const std::set<std::string> oldest{convs[0], convs[1]}, next{convs[2], convs[3]};
  EXPECT_TRUE((got["a1"] == oldest && got["a2"] == next) ||
              (got["a1"] == next && got["a2"] == oldest));
}

}  // namespace
}  // namespace kefu::test

namespace kefu::test {
namespace {

v1::ServerFrame write_handover(WsClient& agent, const std::string& text) {
  v1::ClientFrame f;
  auto* item = f.mutable_write_handover()->add_items();
  item->set_kind(v1::HANDOVER_KIND_PENDING_FOLLOW_UP);
  item->set_text(text);
  auto answer = agent.request(f);
  EXPECT_TRUE(answer);
  return answer ? *answer : v1::ServerFrame{};
}

int handovers_seen_by(WsClient& agent) {
  v1::ClientFrame f;
  f.mutable_list_handovers();
  auto answer = agent.request(f);
  EXPECT_TRUE(answer && answer->has_handover_list());
  return answer ? answer->handover_list().notes_size() : -1;
}

TEST_F(TimeRules, R_SHIFT_5_TheLeavingShiftsHandoverReachesTheNextShift) {
  set_server_time(shanghai_ms(2026, 1, 15, 21, 45));
  auto m1 = agent("m1");
  auto n1 = agent("n1");
  auto boss = agent("boss4", false);
  auto written = write_handover(*m1, "买家 王女士 的退款 明早 10 点前回复");
  ASSERT_TRUE(written.has_handover_list()) << written.DebugString();
  ASSERT_EQ(written.handover_list().notes_size(), 1);
  EXPECT_EQ(written.handover_list().notes(0).shift_id(), "middle");
  EXPECT_EQ(written.handover_list().notes(0).shift_date(), "2026-01-15");
  EXPECT_EQ(handovers_seen_by(*n1), 1);    // the night shift comes next
  EXPECT_EQ(handovers_seen_by(*boss), 1);  // supervisors read every handover
  // Without a shift there is nothing to hand over; an empty handover is refused.
  auto no_shift = write_handover(*boss, "x");
  ASSERT_TRUE(no_shift.has_error());
  EXPECT_EQ(no_shift.error().code(), v1::ERROR_CODE_INVALID_ARGUMENT);
  auto empty = write_handover(*m1, "   ");
  ASSERT_TRUE(empty.has_error());
}

}  // namespace
}  // namespace kefu::test
