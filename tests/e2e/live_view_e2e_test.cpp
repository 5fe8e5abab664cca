// The supervisors' live view (issue 7, R-SUP-1, R-SUP-2) against a real server and Redis: the
// dashboard's answer and its pushes (an agent going away, a conversation assigned or
// reassigned, a wait crossing the threshold when the server's clock moves), monitoring a
// conversation, joining it and writing to it, and who may do any of it.
#include "e2e_fixture.h"

namespace kefu::test {
namespace {

using namespace std::chrono_literals;

const v1::GroupLive* group_of(const v1::DashboardUpdate& d, const std::string& id) {
  for (const auto& g : d.groups())
    if (g.group() == id) return &g;
  return nullptr;
}

const v1::AgentLive* agent_of(const v1::DashboardUpdate& d, const std::string& id) {
  for (const auto& a : d.agents())
    if (a.agent_id() == id) return &a;
  return nullptr;
}

class LiveView : public E2E {
 protected:
  // sup1's connection (not routed to: it stays away) watching shop1's dashboard; the answer.
  v1::DashboardUpdate watch(WsClient& sup) {
    v1::ClientFrame f;
    f.mutable_watch_dashboard();
    auto answer = sup.request(f);
    EXPECT_TRUE(answer && answer->has_dashboard_update())
        << (answer ? answer->DebugString() : "no answer");
    return answer ? answer->dashboard_update() : v1::DashboardUpdate{};
  }
  // The first pushed update that matches (pushes come within a second of a change).
  std::optional<v1::DashboardUpdate> pushed(
      WsClient& sup, const std::function<bool(const v1::DashboardUpdate&)>& match) {
    auto f = sup.read_until(
        [&](const v1::ServerFrame& f) {
          return f.has_dashboard_update() && match(f.dashboard_update());
        },
        5s);
    if (!f) return std::nullopt;
    return f->dashboard_update();
  }
  v1::ServerFrame monitor(WsClient& sup, const std::string& conv, bool stop = false) {
    v1::ClientFrame f;
    f.set_request_id("monitor-" + conv + (stop ? "-stop" : ""));
    f.mutable_monitor_conversation()->set_conversation_id(conv);
    f.mutable_monitor_conversation()->set_stop(stop);
    sup.send(f);
    auto answer = sup.answer(f.request_id());
    return answer ? *answer : v1::ServerFrame{};
  }
  std::optional<v1::ServerFrame> join(WsClient& sup, const std::string& conv, bool leave = false) {
    v1::ClientFrame f;
    f.mutable_join_conversation()->set_conversation_id(conv);
    f.mutable_join_conversation()->set_leave(leave);
    return sup.request(f);
  }
  // The next message event with this text (within `timeout`).
  static std::optional<v1::Message> message_with(WsClient& c, const std::string& text,
                                                 std::chrono::milliseconds timeout = 5s) {
    auto f = c.read_until(
        [&](const v1::ServerFrame& f) {
          return f.has_message() && f.message().message().text() == text;
        },
        timeout);
    if (!f) return std::nullopt;
    return f->message().message();
  }
};

TEST_F(LiveView, AnswerCountsQueuedAndServedBuyersAndAgents) {
  auto a1 = agent("a1");
  auto a2 = agent("a2");
  std::vector<std::unique_ptr<WsClient>> buyers;
  std::vector<std::string> convs;
  for (int i = 0; i < 5; ++i) {  // a1 and a2 take 2 each (capacity 2), the fifth waits
    buyers.push_back(buyer("count-" + std::to_string(i)));
    convs.push_back(start(*buyers.back()));
  }
  ASSERT_TRUE(say(*buyers[0], convs[0], "anyone?", "c-1").has_ack());
  auto sup = agent("sup1", false);
  const v1::DashboardUpdate d = watch(*sup);
  const v1::GroupLive* pre = group_of(d, "presale");
  ASSERT_NE(pre, nullptr) << d.DebugString();
  EXPECT_EQ(pre->queued(), 1);
  EXPECT_GT(pre->oldest_queued_at_ms(), 0);
  EXPECT_EQ(pre->in_progress(), 4);
  EXPECT_EQ(pre->agents_online(), 2);
  ASSERT_EQ(pre->waiting_size(), 2);  // the queued one and the unanswered one
  const v1::GroupLive* after = group_of(d, "aftersale");
  ASSERT_NE(after, nullptr);
  EXPECT_EQ(after->agents_online(), 0);
  EXPECT_EQ(after->queued(), 0);
  const v1::AgentLive* live = agent_of(d, "a1");
  ASSERT_NE(live, nullptr);
  EXPECT_EQ(live->presence(), v1::PRESENCE_ONLINE);
  EXPECT_EQ(live->load(), 2);
  EXPECT_EQ(live->capacity(), 2);
  EXPECT_TRUE(live->enabled());
  EXPECT_TRUE(live->has_today());
  EXPECT_EQ(agent_of(d, "b1")->presence(), v1::PRESENCE_OFFLINE);
  EXPECT_EQ(d.wait_alert_seconds(), 60u);
  // The buyer who wrote waits on their agent.
  int waiting_on_agents = 0;
  for (const auto& a : d.agents()) waiting_on_agents += a.waiting_size();
  EXPECT_EQ(waiting_on_agents, 1);
}

TEST_F(LiveView, PushedWhenAnAgentGoesAwayAndWhenAConversationIsAssigned) {
  auto a1 = agent("a1");
  auto sup = agent("sup1", false);
  const v1::DashboardUpdate first = watch(*sup);
  ASSERT_EQ(agent_of(first, "a1")->presence(), v1::PRESENCE_ONLINE);

  v1::ClientFrame away;
  away.mutable_set_presence()->set_presence(v1::PRESENCE_AWAY);
  ASSERT_TRUE(a1->request(away));
  auto after_away = pushed(*sup, [](const v1::DashboardUpdate& d) {
    return agent_of(d, "a1")->presence() == v1::PRESENCE_AWAY;
  });
  ASSERT_TRUE(after_away);
  EXPECT_EQ(group_of(*after_away, "presale")->agents_online(), 0);

  auto b = buyer("push-1");
  const std::string conv = start(*b);  // nobody online: it waits
  ASSERT_TRUE(pushed(
      *sup, [](const v1::DashboardUpdate& d) { return group_of(d, "presale")->queued() == 1; }));
  auto a2 = agent("a2");  // comes online: takes it from the queue (R-ROUTE-7)
  auto assigned = pushed(*sup, [](const v1::DashboardUpdate& d) {
    return group_of(d, "presale")->in_progress() == 1;
  });
  ASSERT_TRUE(assigned);
  EXPECT_EQ(group_of(*assigned, "presale")->queued(), 0);
  EXPECT_EQ(agent_of(*assigned, "a2")->load(), 1);
}

TEST_F(LiveView, LongWaitStandsOutOnceTheThresholdPasses) {
  auto b = buyer("wait-1");
  const std::string conv = start(*b);  // nobody online: queued
  auto sup = agent("sup1", false);
  const v1::DashboardUpdate first = watch(*sup);
  for (const auto& a : first.alerts()) EXPECT_NE(a.kind(), v1::ALERT_KIND_LONG_WAIT);
  advance_server_time(61s);
  auto alerted = pushed(*sup, [&](const v1::DashboardUpdate& d) {
    for (const auto& a : d.alerts())
      if (a.kind() == v1::ALERT_KIND_LONG_WAIT && a.conversation_id() == conv) return true;
    return false;
  });
  ASSERT_TRUE(alerted);
  // The queue chart's sample of the new minute follows (taken once, stored in Redis).
  auto sampled = pushed(*sup, [](const v1::DashboardUpdate& d) {
    for (const auto& s : d.samples())
      if (s.group() == "presale" && s.queued() == 1 && s.longest_wait_ms() > 0) return true;
    return false;
  });
  EXPECT_TRUE(sampled);
}

TEST_F(LiveView, ReassignMovesTheLoadOnTheDashboard) {
  auto a1 = agent("a1");
  auto b = buyer("reassign-1");
  const std::string conv = start(*b);
  auto a2 = agent("a2");
  auto sup = agent("sup1", false);
  const v1::DashboardUpdate first = watch(*sup);
  ASSERT_EQ(agent_of(first, "a1")->load(), 1);
  v1::ClientFrame reassign;
  auto* t = reassign.mutable_transfer_conversation();
  t->set_conversation_id(conv);
  t->set_kind(v1::TRANSFER_KIND_REASSIGN);
  t->set_to_agent_id("a2");
  auto done = sup->request(reassign);
  ASSERT_TRUE(done && done->has_conversation_transferred()) << (done ? done->DebugString() : "");
  auto moved = pushed(*sup, [](const v1::DashboardUpdate& d) {
    return agent_of(d, "a2")->load() == 1 && agent_of(d, "a1")->load() == 0;
  });
  EXPECT_TRUE(moved);
}

TEST_F(LiveView, ASupervisorsCapacityChangeOverHttpIsPushed) {
  auto a1 = agent("a1");
  auto sup = agent("sup1", false);
  ASSERT_EQ(agent_of(watch(*sup), "a1")->capacity(), 2);
  auto res = http_request(port(), "PUT", "/api/shops/shop1/agents/a1/capacity", R"({"capacity":3})",
                          "application/json", {{"Authorization", "Bearer " + login("sup1")}});
  ASSERT_EQ(res.status, 200u) << res.body;
  EXPECT_TRUE(pushed(
      *sup, [](const v1::DashboardUpdate& d) { return agent_of(d, "a1")->capacity() == 3; }));
}

TEST_F(LiveView, MonitorReadsTheHistoryThenLiveMessagesReadOnly) {
  auto a1 = agent("a1");
  auto b = buyer("monitor-1");
  const std::string conv = start(*b);
  ASSERT_TRUE(say(*b, conv, "before", "m-1").has_ack());
  auto sup = agent("sup1", false);
  v1::ClientFrame f;
  f.set_request_id("mon");
  f.mutable_monitor_conversation()->set_conversation_id(conv);
  sup->send(f);
  auto history = sup->answer("mon");
  ASSERT_TRUE(history && history->has_message()) << (history ? history->DebugString() : "");
  EXPECT_EQ(history->message().message().text(), "before");
  auto done = sup->answer("mon");
  ASSERT_TRUE(done && done->has_sync_done());

  ASSERT_TRUE(say(*b, conv, "live from the buyer", "m-2").has_ack());
  EXPECT_TRUE(message_with(*sup, "live from the buyer"));
  ASSERT_TRUE(say(*a1, conv, "live from the agent", "m-3").has_ack());
  EXPECT_TRUE(message_with(*sup, "live from the agent"));
  // Read-only until joined.
  auto refused = say(*sup, conv, "not yet", "s-1");
  ASSERT_TRUE(refused.has_error()) << refused.DebugString();
  EXPECT_EQ(refused.error().code(), v1::ERROR_CODE_FORBIDDEN);

  ASSERT_TRUE(monitor(*sup, conv, true).has_sync_done());
  ASSERT_TRUE(say(*b, conv, "after stop", "m-4").has_ack());
  // The agent's copy arrives at once; the monitor's would have come with it. (The buyer's
  // connection has the ack instead of a copy of its own message, issue 8.)
  EXPECT_TRUE(message_with(*a1, "after stop"));
  EXPECT_FALSE(message_with(*sup, "after stop", 500ms));
}

TEST_F(LiveView, JoinTellsBuyerAndAgentAndTheSupervisorMayWrite) {
  auto a1 = agent("a1");
  auto b = buyer("join-1");
  const std::string conv = start(*b);
  auto sup = agent("sup1", false);
  auto joined = join(*sup, conv);
  ASSERT_TRUE(joined && joined->has_conversation_joined()) << (joined ? joined->DebugString() : "");
  EXPECT_EQ(joined->conversation_joined().supervisor_id(), "sup1");
  EXPECT_FALSE(joined->conversation_joined().message_id().empty());

  const std::string text = "主管 Agent sup1 加入了对话";
  auto told = message_with(*b, text);
  ASSERT_TRUE(told);
  EXPECT_EQ(told->kind(), v1::MESSAGE_KIND_SYSTEM);
  EXPECT_EQ(told->id(), joined->conversation_joined().message_id());
  EXPECT_TRUE(message_with(*a1, text));
  EXPECT_TRUE(a1->read_until([](const v1::ServerFrame& f) { return f.has_conversation_joined(); }));

  auto ack = say(*sup, conv, "主管来帮您看看", "s-1");
  ASSERT_TRUE(ack.has_ack()) << ack.DebugString();
  auto reply = message_with(*b, "主管来帮您看看");
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->sender_role(), v1::ROLE_SUPERVISOR);
  EXPECT_EQ(reply->sender_id(), "sup1");
  EXPECT_TRUE(message_with(*a1, "主管来帮您看看"));

  // Stored: a reload shows the system message and the supervisor's.
  auto again = buyer("join-1");
  v1::ClientFrame sync;
  sync.set_request_id("reload");
  sync.mutable_sync_conversation()->set_conversation_id(conv);
  again->send(sync);
  std::vector<std::string> texts;
  while (auto m = again->answer("reload")) {
    if (m->has_sync_done()) break;
    texts.push_back(m->message().message().text());
  }
  EXPECT_EQ(texts, (std::vector<std::string>{text, "主管来帮您看看"}));

  auto left = join(*sup, conv, true);
  ASSERT_TRUE(left && left->has_conversation_joined());
  EXPECT_TRUE(left->conversation_joined().left());
  EXPECT_TRUE(message_with(*b, "主管 Agent sup1 离开了对话"));
  auto refused = say(*sup, conv, "after leaving", "s-2");
  ASSERT_TRUE(refused.has_error());
  EXPECT_EQ(refused.error().code(), v1::ERROR_CODE_FORBIDDEN);
}

TEST_F(LiveView, OnlyTheShopsSupervisorsWatchMonitorOrJoin) {
  auto a1 = agent("a1");
  auto b = buyer("perm-1");
  const std::string conv = start(*b);
  v1::ClientFrame watch_frame, monitor_frame, join_frame;
  watch_frame.mutable_watch_dashboard();
  monitor_frame.mutable_monitor_conversation()->set_conversation_id(conv);
  join_frame.mutable_join_conversation()->set_conversation_id(conv);
  for (WsClient* who : {a1.get(), b.get()})
    for (const auto& f : {watch_frame, monitor_frame, join_frame}) {
      auto answer = who->request(f);
      ASSERT_TRUE(answer && answer->has_error()) << (answer ? answer->DebugString() : "none");
      EXPECT_EQ(answer->error().code(), v1::ERROR_CODE_FORBIDDEN);
    }
  // Nothing happened: the buyer was told of no join, and an agent's SendMessage as if joined
  // still needs the conversation to be theirs.
  EXPECT_FALSE(
      b->read_until([](const v1::ServerFrame& f) { return f.has_conversation_joined(); }, 300ms));
  // A supervisor asking for a conversation their shop does not have: not found.
  auto sup = agent("sup1", false);
  for (auto* f : {&monitor_frame, &join_frame}) {
    v1::ClientFrame missing = *f;
    if (missing.has_monitor_conversation())
      missing.mutable_monitor_conversation()->set_conversation_id("999999");
    else
      missing.mutable_join_conversation()->set_conversation_id("999999");
    auto answer = sup->request(missing);
    ASSERT_TRUE(answer && answer->has_error()) << (answer ? answer->DebugString() : "none");
    EXPECT_EQ(answer->error().code(), v1::ERROR_CODE_NOT_FOUND);
  }
}

}  // namespace
}  // namespace kefu::test
