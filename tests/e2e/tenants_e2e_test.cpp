// Tenants (issue 10, R-ROLE-5): every client frame type and every shop HTTP endpoint, tried
// with the ids of someone else's data. An agent of shop2 reads and writes nothing of shop1, a
// buyer nothing but their own conversations, an agent nothing of a colleague's conversation,
// and supervisor endpoints answer 403 to agents. After every attack the victim's data is as it
// was.
#include "e2e_fixture.h"

namespace kefu::test {
namespace {

// Texts only the victim's side ever wrote: no answer to an attacker may contain them.
constexpr const char* kMessageSecret = "victim-message-secret";
constexpr const char* kNoteSecret = "victim-note-secret";
constexpr const char* kFollowUpSecret = "victim-follow-up-secret";

class Tenants : public E2E {
 protected:
  void SetUp() override {
    E2E::SetUp();
    a1 = agent("a1");
    victim = buyer("victim");
    conv = start(*victim);
    ASSERT_TRUE(say(*victim, conv, kMessageSecret, "v-1").has_ack());
    put_order("victim", "o-victim", "PAID", 1000);
    v1::ClientFrame note;
    note.mutable_save_note()->set_order_id("o-victim");
    note.mutable_save_note()->set_text(kNoteSecret);
    note.mutable_save_note()->set_flag(v1::NOTE_FLAG_RED);
    auto saved = a1->request(note);
    ASSERT_TRUE(saved && saved->has_note_saved()) << (saved ? saved->DebugString() : "none");
    note_id = saved->note_saved().note().id();
    v1::ClientFrame follow;
    follow.mutable_set_follow_up()->set_conversation_id(conv);
    follow.mutable_set_follow_up()->set_text(kFollowUpSecret);
    auto set = a1->request(follow);
    ASSERT_TRUE(set && set->has_follow_up_list() && set->follow_up_list().follow_ups_size() == 1);
    follow_up_id = set->follow_up_list().follow_ups(0).id();
  }

  // One frame of every type a client can send, aimed at the victim's conversation, order,
  // note and follow-up (hello and ping aside: they name nobody else's data).
  std::vector<std::pair<std::string, v1::ClientFrame>> attacks() const {
    std::vector<std::pair<std::string, v1::ClientFrame>> out;
    auto add = [&](const std::string& name, auto fill) {
      v1::ClientFrame f;
      fill(f);
      out.emplace_back(name, f);
    };
    add("setPresence",
        [](auto& f) { f.mutable_set_presence()->set_presence(v1::PRESENCE_ONLINE); });
    add("startConversation",
        [](auto& f) { f.mutable_start_conversation()->set_order_id("o-victim"); });
    add("syncConversation",
        [&](auto& f) { f.mutable_sync_conversation()->set_conversation_id(conv); });
    add("sendMessage", [&](auto& f) {
      f.mutable_send_message()->set_conversation_id(conv);
      f.mutable_send_message()->set_client_message_id("attack-1");
      f.mutable_send_message()->set_text("injected");
    });
    add("endConversation",
        [&](auto& f) { f.mutable_end_conversation()->set_conversation_id(conv); });
    for (auto kind : {v1::TRANSFER_KIND_TO_AGENT, v1::TRANSFER_KIND_TO_GROUP,
                      v1::TRANSFER_KIND_ESCALATE, v1::TRANSFER_KIND_REASSIGN}) {
      add("transferConversation/" + v1::TransferKind_Name(kind), [&](auto& f) {
        auto* t = f.mutable_transfer_conversation();
        t->set_conversation_id(conv);
        t->set_kind(kind);
        t->set_to_agent_id("a2");
        t->set_to_group("aftersale");
        t->set_note("taking it");
      });
    }
    add("writeHandover", [&](auto& f) {
      auto* item = f.mutable_write_handover()->add_items();
      item->set_kind(v1::HANDOVER_KIND_OPEN_QUESTION);
      item->set_conversation_id(conv);
      item->set_text("handover by an attacker");
    });
    add("listHandovers", [](auto& f) { f.mutable_list_handovers(); });
    add("rateConversation", [&](auto& f) {
      f.mutable_rate_conversation()->set_conversation_id(conv);
      f.mutable_rate_conversation()->set_score(1);
    });
    add("watchFigures", [](auto& f) { f.mutable_watch_figures(); });
    add("listOrders/buyer", [](auto& f) { f.mutable_list_orders()->set_buyer_id("victim"); });
    add("listOrders/conversation",
        [&](auto& f) { f.mutable_list_orders()->set_conversation_id(conv); });
    add("getOrder", [](auto& f) { f.mutable_get_order()->set_order_id("o-victim"); });
    add("saveNote/new", [](auto& f) {
      f.mutable_save_note()->set_order_id("o-victim");
      f.mutable_save_note()->set_text("note by an attacker");
      f.mutable_save_note()->set_flag(v1::NOTE_FLAG_RED);
    });
    add("saveNote/edit", [&](auto& f) {
      f.mutable_save_note()->set_order_id("o-victim");
      f.mutable_save_note()->set_note_id(note_id);
      f.mutable_save_note()->set_text("overwritten by an attacker");
      f.mutable_save_note()->set_flag(v1::NOTE_FLAG_YELLOW);
      f.mutable_save_note()->set_expected_version(1);
    });
    add("getNoteHistory", [&](auto& f) { f.mutable_get_note_history()->set_note_id(note_id); });
    add("setFollowUp", [&](auto& f) {
      f.mutable_set_follow_up()->set_conversation_id(conv);
      f.mutable_set_follow_up()->set_text("follow-up by an attacker");
    });
    add("completeFollowUp",
        [&](auto& f) { f.mutable_complete_follow_up()->set_follow_up_id(follow_up_id); });
    add("listFollowUps", [](auto& f) { f.mutable_list_follow_ups()->set_include_done(true); });
    // Issue 7: the supervisors' frames (R-SUP-1, R-SUP-2).
    add("watchDashboard", [](auto& f) { f.mutable_watch_dashboard(); });
    add("monitorConversation",
        [&](auto& f) { f.mutable_monitor_conversation()->set_conversation_id(conv); });
    add("joinConversation",
        [&](auto& f) { f.mutable_join_conversation()->set_conversation_id(conv); });
    add("joinConversation/leave", [&](auto& f) {
      f.mutable_join_conversation()->set_conversation_id(conv);
      f.mutable_join_conversation()->set_leave(true);
    });
    return out;
  }

  // Sends every attack; each answer (and whatever else arrives meanwhile) must hold none of the
  // `secrets`. Returns the answers by attack name.
  std::map<std::string, v1::ServerFrame> attack_all(WsClient& attacker,
                                                    std::vector<const char*> secrets = {
                                                        kMessageSecret, kNoteSecret,
                                                        kFollowUpSecret}) {
    std::map<std::string, v1::ServerFrame> answers;
    for (const auto& [name, frame] : attacks()) {
      auto answer = attacker.request(frame, std::chrono::milliseconds(1500));
      if (!answer) continue;  // some requests have no direct answer (endConversation's is pushed)
      const std::string text = answer->DebugString();
      for (const char* secret : secrets)
        EXPECT_EQ(text.find(secret), std::string::npos) << name << " leaked: " << text;
      answers[name] = *answer;
    }
    // Pushed frames too (a figures update, an event): nothing of the victim's.
    while (auto pushed = attacker.read(std::chrono::milliseconds(200))) {
      const std::string text = pushed->DebugString();
      for (const char* secret : secrets)
        EXPECT_EQ(text.find(secret), std::string::npos) << "pushed: " << text;
    }
    return answers;
  }

  static void expect_refused(const std::map<std::string, v1::ServerFrame>& answers,
                             const std::string& name) {
    auto it = answers.find(name);
    ASSERT_NE(it, answers.end()) << name << ": no answer";
    ASSERT_TRUE(it->second.has_error()) << name << " was not refused: " << it->second.DebugString();
    const auto code = it->second.error().code();
    EXPECT_TRUE(code == v1::ERROR_CODE_FORBIDDEN || code == v1::ERROR_CODE_NOT_FOUND ||
                code == v1::ERROR_CODE_INVALID_ARGUMENT)
        << name << ": " << v1::ErrorCode_Name(code);
  }

  // The victim's data as it was before the attacks. Notes are the shop's (R-NOTE-1): any agent
  // of the shop may edit them, with the edit on record, so a colleague's test lets them change.
  void expect_victim_untouched(bool note_may_change = false) {
    v1::ClientFrame sync;
    sync.set_request_id("check-sync");
    sync.mutable_sync_conversation()->set_conversation_id(conv);
    a1->send(sync);
    std::vector<std::string> texts;
    while (auto f = a1->answer("check-sync")) {
      if (f->has_sync_done()) break;
      ASSERT_TRUE(f->has_message())
          << "the victim's agent lost the conversation: " << f->DebugString();
      texts.push_back(f->message().message().text());
    }
    EXPECT_EQ(texts, std::vector<std::string>{kMessageSecret});
    v1::ClientFrame history;
    history.mutable_get_note_history()->set_note_id(note_id);
    auto h = a1->request(history);
    ASSERT_TRUE(h && h->has_note_history()) << (h ? h->DebugString() : "none");
    if (!note_may_change) {
      EXPECT_EQ(h->note_history().revisions_size(), 1);
      EXPECT_EQ(h->note_history().note().text(), kNoteSecret);
    }
    v1::ClientFrame list;
    list.mutable_list_follow_ups();
    auto l = a1->request(list);
    ASSERT_TRUE(l && l->has_follow_up_list());
    ASSERT_EQ(l->follow_up_list().follow_ups_size(), 1);
    EXPECT_EQ(l->follow_up_list().follow_ups(0).done_at_ms(), 0);
    EXPECT_TRUE(say(*victim, conv, "still mine", "v-2").has_ack());
  }

  std::unique_ptr<WsClient> a1, victim;
  std::string conv, note_id, follow_up_id;
};

TEST_F(Tenants, AnAgentOfAnotherShopReachesNothing) {
  // x1 works for shop2 only: its session cannot even be opened in shop1.
  WsClient x1{port()};
  v1::ClientFrame hello = hello_agent(login("x1"));
  hello.mutable_hello()->set_shop_id(kShop);
  auto refused = x1.request(hello);
  ASSERT_TRUE(refused && refused->has_error());
  EXPECT_EQ(refused->error().code(), v1::ERROR_CODE_FORBIDDEN);

  auto x = agent("x1");
  auto answers = attack_all(*x);
  for (const char* writes :
       {"sendMessage", "syncConversation", "getOrder", "saveNote/edit", "getNoteHistory",
        "setFollowUp", "completeFollowUp", "transferConversation/TRANSFER_KIND_TO_AGENT",
        "listOrders/conversation", "watchDashboard", "monitorConversation", "joinConversation",
        "joinConversation/leave"})
    expect_refused(answers, writes);
  // What x1 may list is shop2's: empty.
  ASSERT_TRUE(answers["listOrders/buyer"].has_order_list());
  EXPECT_EQ(answers["listOrders/buyer"].order_list().orders_size(), 0);
  expect_victim_untouched();
}

TEST_F(Tenants, TheSameBuyerIdInAnotherShopIsAnotherBuyer) {
  WsClient twin{port()};
  auto welcome = twin.request(
      hello_buyer(buyer_token("victim", 3600 * 1000, "shop2", "another-secret-0123456789abcdef")));
  ASSERT_TRUE(welcome && welcome->has_welcome());
  // Its startConversation opens a conversation of shop2, which may well have the same id as
  // the victim's: what it then syncs, writes and rates is its own.
  auto answers = attack_all(twin);
  ASSERT_TRUE(answers["startConversation"].has_conversation_started());
  EXPECT_EQ(answers["startConversation"].conversation_started().conversation().shop_id(), "shop2");
  for (const char* refused : {"getOrder", "listOrders/buyer", "saveNote/new", "setFollowUp"})
    expect_refused(answers, refused);
  expect_victim_untouched();
}

TEST_F(Tenants, ABuyerReachesOnlyTheirOwnConversations) {
  auto eve = buyer("eve");
  auto answers = attack_all(*eve);
  for (const char* refused : {"setPresence",
                              "syncConversation",
                              "sendMessage",
                              "rateConversation",
                              "transferConversation/TRANSFER_KIND_TO_AGENT",
                              "transferConversation/TRANSFER_KIND_REASSIGN",
                              "writeHandover",
                              "listHandovers",
                              "listOrders/buyer",
                              "listOrders/conversation",
                              "getOrder",
                              "saveNote/new",
                              "saveNote/edit",
                              "getNoteHistory",
                              "setFollowUp",
                              "completeFollowUp",
                              "listFollowUps",
                              "watchDashboard",
                              "monitorConversation",
                              "joinConversation",
                              "joinConversation/leave"})
    expect_refused(answers, refused);
  expect_victim_untouched();
}

TEST_F(Tenants, AnAgentReachesNoColleaguesConversation) {
  // a2 is in a1's group, but the conversation is a1's (R-ROUTE-5: agents do not take
  // each other's customers); only a supervisor reassigns (R-ROUTE-10).
  auto a2 = agent("a2");
  // Order notes are the shop's, for every agent of it (R-NOTE-1); the conversation and the
  // follow-ups are a1's.
  auto answers = attack_all(*a2, {kMessageSecret, kFollowUpSecret});
  for (const char* refused :
       {"syncConversation", "sendMessage", "setFollowUp", "completeFollowUp",
        "transferConversation/TRANSFER_KIND_TO_AGENT",
        "transferConversation/TRANSFER_KIND_TO_GROUP",
        "transferConversation/TRANSFER_KIND_ESCALATE",
        "transferConversation/TRANSFER_KIND_REASSIGN", "startConversation", "rateConversation",
        "watchDashboard", "monitorConversation", "joinConversation", "joinConversation/leave"})
    expect_refused(answers, refused);
  // The order is shown masked to an agent who is not serving its buyer (R-MSG-6).
  ASSERT_TRUE(answers["getOrder"].has_order_view()) << answers["getOrder"].DebugString();
  EXPECT_TRUE(answers["getOrder"].order_view().contact_masked());
  expect_victim_untouched(true);
}

TEST_F(Tenants, ASupervisorOfAnotherShopSeesNothingOfThisOne) {
  // boss4 supervises shop4: its dashboard is shop4's, and shop1's conversation ids name nothing
  // there (R-ROLE-5, R-SUP-2).
  auto boss = agent("boss4", false);
  auto answers = attack_all(*boss);
  for (const char* refused : {"monitorConversation", "joinConversation", "sendMessage"})
    expect_refused(answers, refused);
  ASSERT_TRUE(answers["watchDashboard"].has_dashboard_update());
  const v1::DashboardUpdate& shop4 = answers["watchDashboard"].dashboard_update();
  for (const auto& a : shop4.agents()) EXPECT_NE(a.agent_id(), "a1");
  for (const auto& g : shop4.groups())
    for (const auto& w : g.waiting()) EXPECT_NE(w.buyer_id(), "victim");
  expect_victim_untouched();
}

TEST_F(Tenants, OnlyASupervisorReassigns) {
  auto sup = agent("sup1");
  auto a2 = agent("a2");
  v1::ClientFrame reassign;
  auto* t = reassign.mutable_transfer_conversation();
  t->set_conversation_id(conv);
  t->set_kind(v1::TRANSFER_KIND_REASSIGN);
  t->set_to_agent_id("a2");
  auto by_agent = a2->request(reassign);
  ASSERT_TRUE(by_agent && by_agent->has_error());
  EXPECT_EQ(by_agent->error().code(), v1::ERROR_CODE_FORBIDDEN);
  auto by_supervisor = sup->request(reassign);
  ASSERT_TRUE(by_supervisor && by_supervisor->has_conversation_transferred())
      << (by_supervisor ? by_supervisor->DebugString() : "none");
}

// ---------- HTTP ----------

struct Endpoint {
  const char* method;
  std::string path;  // under /api/shops/shop1/
  std::string body;
  bool members = false;  // any account of the shop may call it (reading their own)
};

std::vector<Endpoint> shop_endpoints(const std::string& month) {
  return {
      {"GET", "audit", {}},
      {"PUT", "agents/a1/capacity", R"({"capacity":3})"},
      {"PUT", "agents/a1/presence", R"({"presence":"PRESENCE_AWAY"})"},
      {"PUT", "agents/a1/enabled", R"({"enabled":true})"},
      {"PUT", "rota/2026-12-01/a1", R"({"shifts":[]})"},
      {"GET", "buyers/victim/orders", {}},
      {"GET", "orders/o-victim", {}},
      {"GET", "notes/n1/history", {}},
      {"GET", "follow-ups", {}},
      {"GET", "figures?agent=a1", {}, true},
      {"GET", "figures/drilldown?agent=a1", {}, true},
      {"GET", "figures/team", {}},
      {"GET", "figures/groups", {}},
      {"GET", "scorecards?month=" + month + "&agent=a1", {}, true},
      {"GET", "scorecards/review", {}},
      {"PUT", "scorecards/" + month + "/a1/parts/team_task", R"({"pointsTenths":250})"},
      {"POST", "scorecards/" + month + "/a1/adjustments", R"({"kind":"bonus","reason":"x"})"},
      {"POST", "complaints", R"({"conversationId":"1","text":"x"})"},
      {"POST", "complaints/c1/dismiss", R"({"reason":"x"})"},
      // Issue 7: the shop's settings and their change log.
      {"GET", "settings", {}},
      {"PUT", "settings", "{}"},
      {"GET", "settings/changes", {}},
  };
}

TEST_F(Tenants, ShopEndpointsCheckWhoAsks) {
  const std::string a1_token = login("a1"), sup_token = login("sup1"), x1_token = login("x1");
  ASSERT_FALSE(a1_token.empty() || sup_token.empty() || x1_token.empty());
  auto call = [&](const Endpoint& e, const std::string& token) {
    HttpHeaders headers;
    if (!token.empty()) headers.emplace_back("Authorization", "Bearer " + token);
    return http_request(port(), e.method, std::string{"/api/shops/"} + kShop + "/" + e.path, e.body,
                        "application/json", headers);
  };
  const std::string month = shop_date_in_days(0).substr(0, 7);
  for (const auto& e : shop_endpoints(month)) {
    const std::string what = std::string{e.method} + " " + e.path;
    EXPECT_EQ(call(e, "").status, 401u) << what << ": no token";
    EXPECT_EQ(call(e, "not-a-session-token").status, 401u) << what << ": unknown token";
    auto foreign = call(e, x1_token);
    EXPECT_EQ(foreign.status, 403u) << what << ": shop2's agent: " << foreign.body;
    auto agent = call(e, a1_token);
    if (e.members)
      EXPECT_EQ(agent.status, 200u) << what << ": an agent reads their own: " << agent.body;
    else
      EXPECT_EQ(agent.status, 403u) << what << ": supervisors only: " << agent.body;
    auto supervisor = call(e, sup_token);
    EXPECT_NE(supervisor.status, 401u) << what;
    EXPECT_NE(supervisor.status, 403u) << what << ": " << supervisor.body;
  }
  // Nobody but a supervisor of the shop changed its settings (the supervisor's empty PUT was
  // refused as incomplete).
  EXPECT_EQ(call(Endpoint{"GET", "settings/changes", {}}, sup_token).body, "{}");
  // Members read their own figures and scorecards, not a colleague's.
  for (const std::string& path :
       {std::string{"figures?agent=a2"}, "scorecards?month=" + month + "&agent=a2"}) {
    auto r = call(Endpoint{"GET", path, {}}, a1_token);
    EXPECT_EQ(r.status, 403u) << path << ": " << r.body;
  }
  // Nothing of shop1 through shop2's paths with shop1's supervisor either.
  auto cross = http_request(port(), "GET", "/api/shops/shop2/figures", {}, "application/json",
                            {{"Authorization", "Bearer " + sup_token}});
  EXPECT_EQ(cross.status, 403u) << cross.body;
  // Order events are signed per shop: shop1's signature does not open shop2.
  const std::string body = order_event_json("ev-x", "o-x", "victim", "PAID", 1000);
  EXPECT_EQ(post_order_events(body, "application/json", "shop2").status, 401u);
  expect_victim_untouched();
}

}  // namespace
}  // namespace kefu::test
