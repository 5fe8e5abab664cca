// Supervisors change routing at run time, without a restart (issue 3: "supervisors change rota,
// presence and capacity at runtime through the API"), and read the routing audit; agents and
// strangers may not. Also the shop option of round-robin routing (R-ROUTE-6).
#include <regex>

#include "e2e_fixture.h"

namespace kefu::test {
namespace {

using namespace std::chrono_literals;

class Supervisor : public E2E {
 protected:
  HttpResult put(const std::string& token, const std::string& path, const std::string& body) {
    return http_request(port(), "PUT", path, body, "application/json",
                        {{"Authorization", "Bearer " + token}});
  }
  HttpResult get(const std::string& token, const std::string& path) {
    return http_request(port(), "GET", path, {}, "application/json",
                        {{"Authorization", "Bearer " + token}});
  }
};

TEST_F(Supervisor, OnlySupervisorsOfTheShopMayChangeRouting) {
  const std::string agent_token = login("a1");
  const std::string other_shop_boss = login("boss4");
  const std::string path = "/api/shops/shop1/agents/a1/capacity";
  EXPECT_EQ(http_request(port(), "PUT", path, R"({"capacity":3})").status, 401u);
  EXPECT_EQ(put("not-a-token", path, R"({"capacity":3})").status, 401u);
  EXPECT_EQ(put(agent_token, path, R"({"capacity":3})").status, 403u);
  EXPECT_EQ(put(other_shop_boss, path, R"({"capacity":3})").status, 403u);
  EXPECT_EQ(get(agent_token, "/api/shops/shop1/audit").status, 403u);
  const std::string boss = login("sup1");
  EXPECT_EQ(put(boss, "/api/shops/shop1/agents/nobody/capacity", R"({"capacity":3})").status, 404u);
  auto bad = put(boss, path, R"({"capacity":0})");
  EXPECT_EQ(bad.status, 400u);
  EXPECT_NE(bad.body.find("capacity"), std::string::npos);
}

TEST_F(Supervisor, RaisingCapacityTakesFromTheQueueAtOnce) {
  auto a1 = agent("a1");  // capacity 2 in the config
  auto b1 = buyer("cap-1");
  auto b2 = buyer("cap-2");
  auto b3 = buyer("cap-3");
  ASSERT_EQ(start_conversation(*b1).agent_id(), "a1");
  ASSERT_EQ(start_conversation(*b2).agent_id(), "a1");
  const auto waiting = start_conversation(*b3);
  ASSERT_EQ(waiting.status(), v1::CONVERSATION_STATUS_QUEUED);
  EXPECT_EQ(put(login("sup1"), "/api/shops/shop1/agents/a1/capacity", R"({"capacity":3})").status,
            200u);
  auto got = a1->read_until([&](auto& f) {
    return f.has_conversation_assigned() &&
           f.conversation_assigned().conversation().id() == waiting.id();
  });
  EXPECT_TRUE(got);
}

TEST_F(Supervisor, SettingAnAgentAwayStopsRoutingAndTellsTheirConsole) {
  auto a1 = agent("a1");
  auto res =
      put(login("sup1"), "/api/shops/shop1/agents/a1/presence", R"({"presence":"PRESENCE_AWAY"})");
  ASSERT_EQ(res.status, 200u) << res.body;
  auto told = a1->read_until([](auto& f) { return f.has_presence_changed(); });
  ASSERT_TRUE(told);
  EXPECT_EQ(told->presence_changed().presence(), v1::PRESENCE_AWAY);
  auto b = buyer("away-1");
  EXPECT_EQ(start_conversation(*b).status(), v1::CONVERSATION_STATUS_QUEUED);
}

TEST_F(Supervisor, TodaysRotaChangeTakesEffectOnTheNextDecision) {
  // shop4 at 10:00: e1 works the early shift; the supervisor gives e1 the day off and m1
  // the early shift instead.
  set_server_time(shanghai_ms(2026, 1, 15, 10, 0));
  auto e1 = agent("e1");
  auto m1 = agent("m1");
  auto first = buyer_in(kShiftShop, "rota-1");
  ASSERT_EQ(start_conversation(*first).agent_id(), "e1");
  const std::string boss = login("boss4");
  EXPECT_EQ(put(boss, "/api/shops/shop4/rota/2026-01-15/e1", R"({"shifts":[]})").status, 200u);
  EXPECT_EQ(put(boss, "/api/shops/shop4/rota/2026-01-15/m1", R"({"shifts":["early"]})").status,
            200u);
  EXPECT_EQ(put(boss, "/api/shops/shop4/rota/2026-01-15/m1", R"({"shifts":["lunch"]})").status,
            400u);
  EXPECT_EQ(put(boss, "/api/shops/shop4/rota/15-01-2026/m1", R"({"shifts":[]})").status, 400u);
  auto second = buyer_in(kShiftShop, "rota-2");
  EXPECT_EQ(start_conversation(*second).agent_id(), "m1");
}

TEST_F(Supervisor, TheRoutingAuditOfAConversation) {
  auto a1 = agent("a1");
  auto a2 = agent("a2");
  auto b = buyer("audit-http");
  const auto conv = start_conversation(*b);
  auto res = get(login("sup1"), "/api/shops/shop1/audit?conversation=" + conv.id());
  ASSERT_EQ(res.status, 200u) << res.body;
  EXPECT_NE(res.body.find("\"agent\":\"" + conv.agent_id() + "\""), std::string::npos) << res.body;
  EXPECT_NE(res.body.find("R-ROUTE-6 least_loaded"), std::string::npos) << res.body;
  EXPECT_NE(res.body.find("eligible"), std::string::npos) << res.body;
}

TEST_F(Supervisor, R_ROUTE_6_RoundRobinIgnoresLoad) {
  auto r1 = agent("r1");
  auto r2 = agent("r2");
  auto r3 = agent("r3");
  std::vector<std::unique_ptr<WsClient>> buyers;
  std::vector<std::string> order;
  for (int i = 0; i < 4; ++i) {
    buyers.push_back(buyer_in(kRoundRobinShop, "rr-" + std::to_string(i)));
    order.push_back(start_conversation(*buyers.back()).agent_id());
  }
  EXPECT_EQ(order, (std::vector<std::string>{"r1", "r2", "r3", "r1"}));
}

TEST_F(Supervisor, FiguresAreComputedFromWhatHappened) {
  // Issue 5 groundwork: a reception and one round answered in 20 s, from the recorded facts.
  set_server_time(shanghai_ms(2026, 1, 15, 10, 0));
  auto a1 = agent("a1");
  auto b = buyer_in(kShop, "figures-1");
  const auto conv = start_conversation(*b);
  ASSERT_EQ(conv.agent_id(), "a1");
  ASSERT_TRUE(say(*b, conv.id(), "这件有货吗", "b-1").has_ack());
  advance_server_time(20s);
  ASSERT_TRUE(say(*a1, conv.id(), "有的亲", "a-1").has_ack());

  auto mine = get(login("a1"), "/api/shops/shop1/figures?agent=a1&from=2026-01-15");
  ASSERT_EQ(mine.status, 200u) << mine.body;
  EXPECT_NE(mine.body.find(R"("receptions":"1")"), std::string::npos) << mine.body;
  // 20 s on the server's clock, plus the real milliseconds the test took.
  std::smatch m;
  ASSERT_TRUE(std::regex_search(mine.body, m,
                                std::regex{R"re("response":\{"count":"1","averageMs":"(\d+)")re"}))
      << mine.body;
  EXPECT_GE(std::stoll(m[1]), 20000);
  EXPECT_LT(std::stoll(m[1]), 21000);
  EXPECT_NE(mine.body.find(R"("answeredWithinFast":{"num":"1","den":"1"})"), std::string::npos)
      << mine.body;
  // Agents read their own figures only; supervisors anyone's and the shop's.
  EXPECT_EQ(get(login("a2"), "/api/shops/shop1/figures?agent=a1").status, 403u);
  auto shop = get(login("sup1"), "/api/shops/shop1/figures?from=2026-01-15&to=2026-01-15");
  ASSERT_EQ(shop.status, 200u) << shop.body;
  EXPECT_NE(shop.body.find(R"("scope":"shop")"), std::string::npos) << shop.body;
  EXPECT_EQ(get(login("sup1"), "/api/shops/shop1/figures?from=15-01-2026").status, 400u);
}

TEST_F(Supervisor, R_MSG_5_EveryEndedConversationInvitesARatingThatCountsInSatisfaction) {
  set_server_time(shanghai_ms(2026, 1, 16, 10, 0));
  auto a1 = agent("a1");
  auto rate = [](const std::string& conv, int score, const std::string& comment = "") {
    v1::ClientFrame f;
    f.mutable_rate_conversation()->set_conversation_id(conv);
    f.mutable_rate_conversation()->set_score(score);
    f.mutable_rate_conversation()->set_comment(comment);
    return f;
  };
  auto serve_and_end = [&](const std::string& buyer_id) {
    auto b = buyer_in(kShop, buyer_id);
    const auto conv = start_conversation(*b);
    EXPECT_TRUE(say(*b, conv.id(), "在吗", "b-" + buyer_id).has_ack());
    EXPECT_TRUE(say(*a1, conv.id(), "在的亲", "a-" + buyer_id).has_ack());
    // Not before the end.
    auto early = b->request(rate(conv.id(), 5));
    EXPECT_TRUE(early && early->has_error() && early->error().code() == v1::ERROR_CODE_CONFLICT);
    v1::ClientFrame end;
    end.mutable_end_conversation()->set_conversation_id(conv.id());
    a1->send(end);
    auto ended = b->read_until([](auto& f) { return f.has_conversation_ended(); });
    EXPECT_TRUE(ended && ended->conversation_ended().rating_invited());
    return std::make_pair(std::move(b), conv.id());
  };
  auto [happy, happy_conv] = serve_and_end("rate-1");
  auto [unhappy, unhappy_conv] = serve_and_end("rate-2");

  auto rated = happy->request(rate(happy_conv, 5, "很耐心"));
  ASSERT_TRUE(rated && rated->has_conversation_rated()) << (rated ? rated->DebugString() : "");
  EXPECT_EQ(rated->conversation_rated().score(), 5);
  // A first 1, changed to 2: the latest counts.
  ASSERT_TRUE(unhappy->request(rate(unhappy_conv, 1))->has_conversation_rated());
  ASSERT_TRUE(unhappy->request(rate(unhappy_conv, 2, "回复太慢"))->has_conversation_rated());
  // Bad scores, another buyer's conversation, an agent rating.
  for (int bad : {0, 6}) {
    auto r = happy->request(rate(happy_conv, bad));
    ASSERT_TRUE(r && r->has_error());
    EXPECT_EQ(r->error().code(), v1::ERROR_CODE_INVALID_ARGUMENT);
  }
  auto other = happy->request(rate(unhappy_conv, 5));
  ASSERT_TRUE(other && other->has_error());
  EXPECT_EQ(other->error().code(), v1::ERROR_CODE_FORBIDDEN);
  auto by_agent = a1->request(rate(happy_conv, 5));
  ASSERT_TRUE(by_agent && by_agent->has_error());
  EXPECT_EQ(by_agent->error().code(), v1::ERROR_CODE_FORBIDDEN);

  // R-KPI-7: satisfied (4 or 5) of rated conversations: 1 of 2.
  auto figures = get(login("sup1"), "/api/shops/shop1/figures?agent=a1&from=2026-01-16");
  ASSERT_EQ(figures.status, 200u) << figures.body;
  EXPECT_NE(figures.body.find(R"("satisfaction":{"num":"1","den":"2"})"), std::string::npos)
      << figures.body;
}

}  // namespace
}  // namespace kefu::test
