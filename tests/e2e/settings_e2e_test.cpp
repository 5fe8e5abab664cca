// Issue 7: the shop's configuration changed by its supervisors through GET/PUT
// /api/shops/{shop}/settings, in force on the next decision of every node without a restart,
// checked before anything is applied, guarded against lost updates (409), and logged with who
// and when (GET settings/changes).
#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/message_differencer.h>

#include <regex>

#include "e2e_fixture.h"
#include "kefu/v1/api.pb.h"

namespace kefu::test {
namespace {

using namespace std::chrono_literals;

class Settings : public E2E {
 protected:
  HttpResult call(const std::string& method, const std::string& path, const std::string& body = {},
                  std::uint16_t on_port = 0) {
    if (token.empty()) token = login("sup1");
    return http_request(on_port ? on_port : port(), method, "/api/shops/shop1/" + path, body,
                        "application/json", {{"Authorization", "Bearer " + token}});
  }
  v1::ShopSettings read() {
    auto res = call("GET", "settings");
    EXPECT_EQ(res.status, 200u) << res.body;
    v1::ShopSettings s;
    EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(res.body, &s).ok()) << res.body;
    return s;
  }
  HttpResult write(const v1::ShopSettings& s) {
    std::string body;
    EXPECT_TRUE(google::protobuf::util::MessageToJsonString(s, &body).ok());
    return call("PUT", "settings", body);
  }
  v1::ConfigChangeList log() {
    auto res = call("GET", "settings/changes");
    EXPECT_EQ(res.status, 200u) << res.body;
    v1::ConfigChangeList l;
    EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(res.body, &l).ok()) << res.body;
    return l;
  }
  // A buyer whose latest order is shipped (R-ROUTE-1) starts a conversation on `on_port`.
  v1::Conversation shipped_buyer_starts(const std::string& buyer_id, std::uint16_t on_port) {
    put_order(buyer_id, "o-" + buyer_id, "SHIPPED", server_now_ms());
    WsClient b{on_port};
    auto welcome = b.request(hello_buyer(buyer_token(buyer_id)));
    EXPECT_TRUE(welcome && welcome->has_welcome());
    v1::ClientFrame f;
    f.mutable_start_conversation();
    auto answer = b.request(f);
    EXPECT_TRUE(answer && answer->has_conversation_started());
    return answer ? answer->conversation_started().conversation() : v1::Conversation{};
  }
  std::string audit_of(const std::string& conversation) {
    auto res = call("GET", "audit?conversation=" + conversation);
    EXPECT_EQ(res.status, 200u) << res.body;
    return res.body;
  }
  std::string token;
};

TEST_F(Settings, R_ROUTE_2_ABindingChangeRoutesTheNextConversationOnEveryNode) {
  auto a1 = agent("a1");
  auto a2 = agent("a2");
  auto b1 = agent("b1");
  ASSERT_EQ(shipped_buyer_starts("ship-1", port()).agent_id(), "b1");  // after-sale by default

  // A second node already running learns of the change over the bus; a third one started
  // afterwards reads it at start.
  ServerProcess node2{config(), redis().url()};
  auto settings = read();
  EXPECT_EQ(settings.version(), 0);
  EXPECT_EQ(settings.bindings().at("shipped"), "aftersale");
  (*settings.mutable_bindings())["shipped"] = "presale";
  auto res = write(settings);
  ASSERT_EQ(res.status, 200u) << res.body;
  EXPECT_EQ(read().version(), 1);
  ServerProcess node3{config(), redis().url()};

  for (std::uint16_t on : {port(), node2.port(), node3.port()}) {
    const auto conv = shipped_buyer_starts("ship-" + std::to_string(on), on);
    EXPECT_TRUE(conv.agent_id() == "a1" || conv.agent_id() == "a2")
        << "node on port " << on << ": " << conv.DebugString();
    const std::string audit = audit_of(conv.id());
    EXPECT_NE(audit.find(R"("group":"presale")"), std::string::npos) << audit;
    EXPECT_NE(audit.find("order_state=shipped; group_default=0"), std::string::npos) << audit;
  }

  // The change log says who and when, one line per field changed.
  const auto changes = log();
  ASSERT_EQ(changes.changes_size(), 1);
  const auto& c = changes.changes(0);
  EXPECT_EQ(c.version(), 1);
  EXPECT_EQ(c.by_agent_id(), "sup1");
  EXPECT_FALSE(c.by_name().empty());
  EXPECT_NEAR(static_cast<double>(c.at_ms()), static_cast<double>(server_now_ms()), 60'000);
  ASSERT_EQ(c.changes_size(), 1);
  EXPECT_EQ(c.changes(0), "binding shipped: aftersale → presale");
}

TEST_F(Settings, R_ROUTE_7_ACapacityChangeTakesEffectOnTheNextDecision) {
  auto a1 = agent("a1");  // capacity 2 in the config; a2 offline
  // A quick change through PUT agents/a1/capacity first: the later settings change wins.
  ASSERT_EQ(call("PUT", "agents/a1/capacity", R"({"capacity":3})").status, 200u);
  auto settings = read();
  for (auto& c : *settings.mutable_capacities())
    if (c.agent_id() == "a1") c.set_capacity(1);
  ASSERT_EQ(write(settings).status, 200u);
  auto b1 = buyer("cap-1"), b2 = buyer("cap-2");
  EXPECT_EQ(start(*b1).empty(), false);
  v1::ClientFrame f;
  f.mutable_start_conversation();
  auto second = b2->request(f);
  ASSERT_TRUE(second && second->has_conversation_started());
  EXPECT_EQ(second->conversation_started().conversation().status(), v1::CONVERSATION_STATUS_QUEUED);
  EXPECT_EQ(log().changes(0).changes(0), "capacity a1: 2 → 1");
}

TEST_F(Settings, R_SHIFT_2_ARotaChangeInTheSettingsReplacesTodaysQuickChange) {
  // shop4 at 10:00: e1 works the early shift; a quick change gives e1 the day off, then the
  // settings put e1 back on the early shift that day: the latest change wins.
  set_server_time(shanghai_ms(2026, 1, 15, 10, 0));
  auto e1 = agent("e1");
  const std::string boss = login("boss4");
  auto as_boss = [&](const std::string& method, const std::string& path, const std::string& body) {
    return http_request(port(), method, "/api/shops/shop4/" + path, body, "application/json",
                        {{"Authorization", "Bearer " + boss}});
  };
  ASSERT_EQ(as_boss("PUT", "rota/2026-01-15/e1", R"({"shifts":[]})").status, 200u);
  auto off = buyer_in(kShiftShop, "rota-off");
  EXPECT_NE(start(*off), "");
  auto res = as_boss("GET", "settings", {});
  ASSERT_EQ(res.status, 200u) << res.body;
  v1::ShopSettings settings;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(res.body, &settings).ok());
  auto* entry = settings.add_rota();
  entry->set_agent_id("e1");
  entry->set_date("2026-01-15");
  entry->add_shifts("early");
  std::string body;
  ASSERT_TRUE(google::protobuf::util::MessageToJsonString(settings, &body).ok());
  res = as_boss("PUT", "settings", body);
  ASSERT_EQ(res.status, 200u) << res.body;
  auto back = buyer_in(kShiftShop, "rota-back");
  v1::ClientFrame f;
  f.mutable_start_conversation();
  auto started = back->request(f);
  ASSERT_TRUE(started && started->has_conversation_started());
  EXPECT_EQ(started->conversation_started().conversation().agent_id(), "e1");
}

TEST_F(Settings, R_KPI_3_AThresholdChangeChangesTheFigures) {
  set_server_time(shanghai_ms(2026, 1, 15, 10, 0));
  auto a1 = agent("a1");
  auto b = buyer("kpi-1");
  const std::string conv = start(*b);
  ASSERT_TRUE(say(*b, conv, "这件有货吗", "b-1").has_ack());
  advance_server_time(20s);
  ASSERT_TRUE(say(*a1, conv, "有的亲", "a-1").has_ack());
  const std::string figures = "figures?agent=a1&from=2026-01-15&to=2026-01-15";
  auto before = call("GET", figures);
  EXPECT_NE(before.body.find(R"("answeredWithinFast":{"num":"1","den":"1"})"), std::string::npos)
      << before.body;

  auto settings = read();
  settings.set_fast_reply_seconds(10);  // JD's 30 s becomes 10 s
  ASSERT_EQ(write(settings).status, 200u);
  auto after = call("GET", figures);
  EXPECT_NE(after.body.find(R"("answeredWithinFast":{"den":"1"})"), std::string::npos)
      << after.body;
  EXPECT_EQ(log().changes(0).changes(0), "fast reply seconds: 30 → 10");
}

TEST_F(Settings, R_KPI_3_TheConsoleIsToldTheShopsOwnReplyThresholds) {
  // The console colours a buyer's wait amber and red at the lines the figures count by.
  const auto welcome_of = [this] {
    WsClient client{port()};
    auto w = client.request(hello_agent(login("a1")));
    return w && w->has_welcome() ? w->welcome() : v1::Welcome{};
  };
  const auto before = welcome_of();
  EXPECT_EQ(before.fast_reply_seconds(), 30u);
  EXPECT_EQ(before.slow_reply_seconds(), 180u);

  auto settings = read();
  settings.set_fast_reply_seconds(10);
  settings.set_slow_reply_seconds(60);
  ASSERT_EQ(write(settings).status, 200u);
  const auto after = welcome_of();
  EXPECT_EQ(after.fast_reply_seconds(), 10u);
  EXPECT_EQ(after.slow_reply_seconds(), 60u);
}

TEST_F(Settings, ABadChangeNamesTheFieldAndChangesNothing) {
  const auto original = read();
  auto bad = original;
  (*bad.mutable_bindings())["shipped"] = "presale";  // fine, but with it:
  bad.mutable_shifts(1)->set_start("8 am");
  auto res = write(bad);
  EXPECT_EQ(res.status, 400u);
  EXPECT_NE(res.body.find(R"("field":"shifts[1].start")"), std::string::npos) << res.body;

  auto unknown_group = original;
  (*unknown_group.mutable_bindings())["paid"] = "nobody";
  res = write(unknown_group);
  EXPECT_EQ(res.status, 400u);
  EXPECT_NE(res.body.find(R"("field":"bindings[paid]")"), std::string::npos) << res.body;

  auto still_bound = original;  // aftersale holds b1 and is bound to shipped orders
  still_bound.mutable_groups()->RemoveLast();
  res = write(still_bound);
  EXPECT_EQ(res.status, 400u);
  EXPECT_NE(res.body.find(R"("field":"groups")"), std::string::npos) << res.body;

  EXPECT_EQ(call("PUT", "settings", "{not json").status, 400u);
  const auto now = read();
  EXPECT_EQ(now.version(), 0);
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(now, original))
      << now.DebugString();
  EXPECT_EQ(log().changes_size(), 0);
}

TEST_F(Settings, AStaleVersionIsRefusedWithAConflict) {
  const auto read_by_both = read();
  auto first = read_by_both;
  first.set_wait_alert_seconds(90);  // R-SUP-1
  ASSERT_EQ(write(first).status, 200u);
  auto second = read_by_both;
  second.set_auto_greeting("您好，欢迎光临");
  auto res = write(second);
  EXPECT_EQ(res.status, 409u);
  EXPECT_NE(res.body.find("version_conflict"), std::string::npos) << res.body;
  const auto now = read();
  EXPECT_EQ(now.version(), 1);
  EXPECT_EQ(now.wait_alert_seconds(), 90u);
  EXPECT_EQ(now.auto_greeting(), "");
  // Read again and redo: accepted, and logged newest first.
  second = now;
  second.set_auto_greeting("您好，欢迎光临");
  ASSERT_EQ(write(second).status, 200u);
  const auto changes = log();
  ASSERT_EQ(changes.changes_size(), 2);
  EXPECT_EQ(changes.changes(0).version(), 2);
  EXPECT_EQ(changes.changes(0).changes(0), R"(auto greeting: "" → "您好，欢迎光临")");
  EXPECT_EQ(changes.changes(1).changes(0), "wait alert seconds: 60 → 90");
}

}  // namespace
}  // namespace kefu::test
