// KPI figures, drill-down, scorecards and CSV over HTTP (issue 5), from what really happened:
// chats over the WebSocket and orders from the platform endpoint, on the server's test clock.
// The exact definitions are unit-tested in tests/unit/kpi; here the numbers must come out of
// the running server the same way.
#include <regex>

#include "e2e_fixture.h"

namespace kefu::test {
namespace {

using namespace std::chrono_literals;

class Kpi : public E2E {
 protected:
  HttpResult get(const std::string& token, const std::string& path) {
    return http_request(port(), "GET", path, {}, "application/json",
                        {{"Authorization", "Bearer " + token}});
  }
  HttpResult send(const std::string& method, const std::string& token, const std::string& path,
                  const std::string& body) {
    return http_request(port(), method, path, body, "application/json",
                        {{"Authorization", "Bearer " + token}});
  }
  // A pre-sale inquiry: the buyer asks, a1 answers 20 s later (R-KPI-6 counts it).
  std::string inquiry(WsClient& a1, const std::string& buyer_id) {
    std::string id;
    inquiry_into(a1, buyer_id, id);
    return id;
  }
  void inquiry_into(WsClient& a1, const std::string& buyer_id, std::string& conversation_id) {
    // After the clock jumped a1 would be idle (R-SHIFT-4): they show they are at work.
    v1::ClientFrame online;
    online.mutable_set_presence()->set_presence(v1::PRESENCE_ONLINE);
    ASSERT_TRUE(a1.request(online));
    auto b = buyer_in(kShop, buyer_id);
    v1::ClientFrame start;
    start.mutable_start_conversation();
    auto started = b->request(start);
    ASSERT_TRUE(started && started->has_conversation_started());
    const auto conv = started->conversation_started().conversation();
    ASSERT_EQ(conv.agent_id(), "a1");
    conversation_id = conv.id();
    ASSERT_TRUE(say(*b, conv.id(), "这件大衣有 M 码吗", "q-" + buyer_id).has_ack());
    advance_server_time(20s);
    ASSERT_TRUE(say(a1, conv.id(), "有的亲，今天下单明天发", "r-" + buyer_id).has_ack());
    // Answered: a1 ends it, freeing the slot (a1's capacity is 2).
    v1::ClientFrame end;
    end.mutable_end_conversation()->set_conversation_id(conv.id());
    a1.send(end);
    ASSERT_TRUE(a1.read_until([](auto& f) { return f.has_conversation_ended(); }));
  }
  void paid(const std::string& order, const std::string& buyer, std::int64_t at_ms,
            std::int64_t fen) {
    auto res =
        post_order_events(order_event_json("paid-" + order, order, buyer, "PAID", at_ms, fen));
    ASSERT_EQ(res.status, 200u) << res.body;
  }
  // The story of a1's November: three inquiries, two credited orders, one on Double 11.
  void november() {
    set_server_time(shanghai_ms(2026, 11, 10, 10, 0));
    auto a1 = agent("a1");
    inquiry(*a1, "k-1");
    paid("o-k1", "k-1", shanghai_ms(2026, 11, 11, 9, 0), 30000);  // next day, on Double 11
    set_server_time(shanghai_ms(2026, 11, 20, 10, 0));
    k2_conversation = inquiry(*a1, "k-2");
    paid("o-k2", "k-2", shanghai_ms(2026, 11, 21, 10, 0), 10000);  // next day
    set_server_time(shanghai_ms(2026, 11, 20, 11, 0));
    inquiry(*a1, "k-3");
    paid("o-k3", "k-3", shanghai_ms(2026, 11, 25, 10, 0), 5000);  // after 4 days: not credited
    set_server_time(shanghai_ms(2026, 11, 28, 12, 0));
  }
  std::string k2_conversation;
};

// FiguresWatch::kInterval: how often the server looks for changed figures.
constexpr int FiguresPushSeconds() { return 5; }

std::string field(const std::string& json, const std::string& name) {
  std::smatch m;
  if (!std::regex_search(json, m, std::regex{"\"" + name + "\":(\"[^\"]*\"|\\{[^}]*\\}|[^,}]*)"}))
    return "";
  return m[1];
}

TEST_F(Kpi, R_KPI_6_ConversionAndCreditedSalesFromRealChatsAndOrders) {
  november();
  const std::string boss = login("sup1");
  auto month = get(boss, "/api/shops/shop1/figures?agent=a1&from=2026-11-01&to=2026-11-30");
  ASSERT_EQ(month.status, 200u) << month.body;
  EXPECT_EQ(field(month.body, "receptions"), R"("3")") << month.body;
  // k-1 and k-2 paid by the end of the next day; k-3 after four days, past D+3.
  EXPECT_EQ(field(month.body, "conversionNextDay"), R"({"num":"2","den":"3"})") << month.body;
  EXPECT_EQ(field(month.body, "conversionFinal"), R"({"num":"2","den":"3"})") << month.body;
  EXPECT_EQ(field(month.body, "creditedSalesFen"), R"("40000")") << month.body;
  EXPECT_EQ(field(month.body, "averageOrderValueFen"), R"("20000")") << month.body;
  EXPECT_EQ(field(month.body, "conversionSettled"), "true") << month.body;

  // By day: one report per day, the 20th with both of its inquiries.
  auto days = get(boss, "/api/shops/shop1/figures?agent=a1&from=2026-11-19&to=2026-11-21&by=day");
  ASSERT_EQ(days.status, 200u) << days.body;
  EXPECT_NE(days.body.find(R"("from":"2026-11-19")"), std::string::npos);
  EXPECT_NE(days.body.find(R"("from":"2026-11-21")"), std::string::npos);
  EXPECT_NE(days.body.find(R"("conversionFinal":{"num":"1","den":"2"})"), std::string::npos)
      << days.body;

  // The group and the shop see the same inquiries (a1 served them all).
  auto group = get(boss, "/api/shops/shop1/figures?group=presale&from=2026-11-01&to=2026-11-30");
  ASSERT_EQ(group.status, 200u) << group.body;
  EXPECT_EQ(field(group.body, "scope"), R"("group:presale")");
  EXPECT_EQ(field(group.body, "creditedSalesFen"), R"("40000")") << group.body;
  EXPECT_EQ(get(boss, "/api/shops/shop1/figures?group=nobody").status, 404u);
  EXPECT_EQ(get(boss, "/api/shops/shop1/figures?by=week").status, 400u);
  // Agents read their own figures only, never a group's.
  const std::string a1 = login("a1");
  EXPECT_EQ(get(a1, "/api/shops/shop1/figures?agent=a1&from=2026-11-01").status, 200u);
  EXPECT_EQ(get(a1, "/api/shops/shop1/figures?group=presale").status, 403u);
  EXPECT_EQ(get(a1, "/api/shops/shop1/figures?agent=a2").status, 403u);
}

// R-SUP-3: reports by quarter and year, per group, and every group side by side.
TEST_F(Kpi, R_SUP_3_GroupFiguresByQuarterAndYearAndSideBySide) {
  november();
  const std::string boss = login("sup1");
  auto quarters =
      get(boss, "/api/shops/shop1/figures?group=presale&from=2026-07-01&to=2026-12-31&by=quarter");
  ASSERT_EQ(quarters.status, 200u) << quarters.body;
  EXPECT_NE(quarters.body.find(R"("from":"2026-07-01","to":"2026-09-30")"), std::string::npos)
      << quarters.body;
  EXPECT_NE(quarters.body.find(R"("from":"2026-10-01","to":"2026-12-31")"), std::string::npos)
      << quarters.body;
  EXPECT_NE(quarters.body.find(R"("receptions":"3")"), std::string::npos) << quarters.body;
  auto year =
      get(boss, "/api/shops/shop1/figures?group=presale&from=2026-01-01&to=2026-12-31&by=year");
  ASSERT_EQ(year.status, 200u) << year.body;
  EXPECT_NE(year.body.find(R"("scope":"group:presale","from":"2026-01-01","to":"2026-12-31")"),
            std::string::npos)
      << year.body;
  auto drill =
      get(boss, "/api/shops/shop1/figures/drilldown?group=presale&from=2026-11-20&to=2026-11-20");
  ASSERT_EQ(drill.status, 200u) << drill.body;
  EXPECT_NE(drill.body.find(R"("buyerId":"k-2")"), std::string::npos) << drill.body;

  auto groups = get(boss, "/api/shops/shop1/figures/groups?from=2026-11-01&to=2026-11-30");
  ASSERT_EQ(groups.status, 200u) << groups.body;
  const auto pre = groups.body.find(R"("scope":"group:presale")"),
             after = groups.body.find(R"("scope":"group:aftersale")");
  ASSERT_NE(pre, std::string::npos) << groups.body;
  ASSERT_NE(after, std::string::npos) << groups.body;
  EXPECT_EQ(field(groups.body.substr(pre), "receptions"), R"("3")") << groups.body;
  EXPECT_EQ(field(groups.body.substr(after), "receptions"), "") << "b1 received nothing";
  auto csv = get(boss, "/api/shops/shop1/figures/groups?from=2026-11-01&to=2026-11-30&format=csv");
  ASSERT_EQ(csv.status, 200u);
  EXPECT_NE(csv.body.find("group:presale,2026-11-01,2026-11-30,3,"), std::string::npos) << csv.body;
  EXPECT_EQ(get(login("a1"), "/api/shops/shop1/figures/groups").status, 403u);
}

TEST_F(Kpi, DrilldownShowsTheRoundsInquiriesAndOrdersBehindTheFigures) {
  november();
  auto d = get(login("sup1"),
               "/api/shops/shop1/figures/drilldown?agent=a1&from=2026-11-20&to=2026-11-20");
  ASSERT_EQ(d.status, 200u) << d.body;
  // Two rounds answered in 20 s, two inquiries, the credited order with its time.
  EXPECT_NE(d.body.find(R"("outcome":"answered","waitMs":"20)"), std::string::npos) << d.body;
  EXPECT_NE(d.body.find(R"("buyerId":"k-2")"), std::string::npos);
  EXPECT_NE(d.body.find(R"("orderId":"o-k2","amountFen":"10000")"), std::string::npos) << d.body;
  EXPECT_EQ(d.body.find("o-k3"), std::string::npos) << "not credited, so not in the drill-down";
  EXPECT_NE(d.body.find(R"("day":"2026-11-20")"), std::string::npos);
  // An agent may check their own numbers, not a colleague's.
  EXPECT_EQ(get(login("a1"), "/api/shops/shop1/figures/drilldown?agent=a1").status, 200u);
  EXPECT_EQ(get(login("a2"), "/api/shops/shop1/figures/drilldown?agent=a1").status, 403u);
}

TEST_F(Kpi, FiguresAsCsvForSpreadsheets) {
  november();
  auto res = get(login("sup1"),
                 "/api/shops/shop1/figures?agent=a1&from=2026-11-01&to=2026-11-30&format=csv");
  ASSERT_EQ(res.status, 200u) << res.body;
  EXPECT_EQ(res.content_type.rfind("text/csv", 0), 0u) << res.content_type;
  EXPECT_NE(res.body.find("scope,from,to,receptions"), std::string::npos) << res.body;
  // 2 of 3 inquiries converted, 400.00 yuan credited.
  EXPECT_NE(res.body.find("a1,2026-11-01,2026-11-30,3,"), std::string::npos) << res.body;
  EXPECT_NE(res.body.find(",66.67,66.67,400.00,200.00,"), std::string::npos) << res.body;
}

TEST_F(Kpi, R_SCORE_MonthlyScorecardsWithEntriesAdjustmentsAndCommission) {
  november();
  const std::string boss = login("sup1");
  const std::string base = "/api/shops/shop1/scorecards";
  // The supervisor enters the parts only they can judge, with a note.
  for (auto [part, tenths] : {std::pair{"team_task", 300}, {"handover", 200}, {"skill", 90}}) {
    auto res = send("PUT", boss, base + "/2026-11/a1/parts/" + part,
                    R"({"pointsTenths":)" + std::to_string(tenths) + R"(,"note":"月度评估"})");
    ASSERT_EQ(res.status, 200u) << res.body;
    EXPECT_NE(res.body.find(R"("enteredBy":"sup1")"), std::string::npos) << res.body;
  }
  auto bonus = send("POST", boss, base + "/2026-11/a1/adjustments",
                    R"({"kind":"bonus","reason":"双十一加班","count":1})");
  ASSERT_EQ(bonus.status, 200u) << bonus.body;

  auto cards = get(boss, base + "?month=2026-11");
  ASSERT_EQ(cards.status, 200u) << cards.body;
  // Every agent has a scorecard; pre-sale pays commission, after-sale does not (R-SCORE-5).
  EXPECT_NE(cards.body.find(R"("agentId":"a1","templateId":"presale")"), std::string::npos);
  EXPECT_NE(cards.body.find(R"("agentId":"b1","templateId":"aftersale")"), std::string::npos);
  EXPECT_EQ(cards.body.find(R"("agentId":"sup1")"), std::string::npos);
  // The entries are shown with who and when.
  EXPECT_NE(cards.body.find(R"("id":"team_task")"), std::string::npos);
  EXPECT_NE(cards.body.find(R"("status":"entered","pointsTenths":300)"), std::string::npos)
      << cards.body;
  EXPECT_NE(cards.body.find(R"("reason":"双十一加班")"), std::string::npos);
  // R-SCORE-2: the Double 11 order is credited but earns no commission.
  EXPECT_NE(cards.body.find(R"("baseFen":"10000","excludedFen":"30000")"), std::string::npos)
      << cards.body;
  EXPECT_NE(cards.body.find(R"("orderId":"o-k1")"), std::string::npos);
  EXPECT_NE(cards.body.find(R"("blackout":"Double 11")"), std::string::npos);
  // a1 is first of the month; the others, with no conversations, are under 60 (R-SCORE-4).
  EXPECT_NE(cards.body.find(R"("monthlyRank":1)"), std::string::npos);
  EXPECT_NE(cards.body.find(R"("under60":true)"), std::string::npos);

  // Agents read their own scorecard; only supervisors enter anything.
  const std::string a1 = login("a1");
  auto mine = get(a1, base + "?month=2026-11&agent=a1");
  ASSERT_EQ(mine.status, 200u) << mine.body;
  EXPECT_EQ(mine.body.find(R"("agentId":"a2")"), std::string::npos);
  EXPECT_EQ(get(a1, base + "?month=2026-11").status, 403u);
  EXPECT_EQ(send("PUT", a1, base + "/2026-11/a1/parts/skill", R"({"pointsTenths":100})").status,
            403u);
  // Bad entries are refused, naming the field.
  EXPECT_EQ(send("PUT", boss, base + "/2026-11/a1/parts/skill", R"({"pointsTenths":101})").status,
            400u);
  EXPECT_EQ(send("PUT", boss, base + "/2026-11/a1/parts/nope", R"({"pointsTenths":1})").status,
            404u);
  EXPECT_EQ(send("PUT", boss, base + "/2026-11/a1/parts/satisfaction", "{").status, 400u);
  EXPECT_EQ(send("POST", boss, base + "/2026-11/a1/adjustments", R"({"kind":"gift"})").status,
            400u);
  EXPECT_EQ(get(boss, base + "?month=2026-13").status, 400u);

  auto csv = get(boss, base + "?month=2026-11&format=csv");
  ASSERT_EQ(csv.status, 200u);
  EXPECT_NE(csv.body.find("month,agent,scorecard,parts"), std::string::npos) << csv.body;
  EXPECT_NE(csv.body.find("2026-11,a1,presale,"), std::string::npos) << csv.body;
}

TEST_F(Kpi, R_KPI_8_TeamFiguresFlagAgentsBelowTheTeamAverage) {
  november();
  const std::string boss = login("sup1");
  auto team =
      get(boss, "/api/shops/shop1/figures/team?group=presale&from=2026-11-01&to=2026-11-30");
  ASSERT_EQ(team.status, 200u) << team.body;
  // a1 received 3, a2 none: the average is 1.5, a2 is below it, a1 is not.
  EXPECT_NE(team.body.find(R"("receptionsAverageMilli":"1500")"), std::string::npos) << team.body;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(
      team.body, m, std::regex{R"re(\{"report":\{"scope":"a2".*?"receptionBelowAverage":true)re"}))
      << team.body;
  // Only a2 is flagged.
  const std::string flag = R"("receptionBelowAverage":true)";
  EXPECT_EQ(team.body.find(flag), team.body.rfind(flag)) << team.body;
  EXPECT_EQ(get(login("a1"), "/api/shops/shop1/figures/team").status, 403u);
  EXPECT_EQ(get(boss, "/api/shops/shop1/figures/team?group=nobody").status, 404u);
}

TEST_F(Kpi, R_KPI_7_ComplaintsAreRecordedAndCanBeDismissed) {
  november();
  const std::string boss = login("sup1");
  auto filed = send("POST", boss, "/api/shops/shop1/complaints",
                    R"({"conversationId":")" + k2_conversation + R"(","text":"态度不好"})");
  ASSERT_EQ(filed.status, 200u) << filed.body;
  EXPECT_NE(filed.body.find(R"("agentId":"a1")"), std::string::npos);
  const std::string id = field(filed.body, "complaintId");
  ASSERT_FALSE(id.empty()) << filed.body;
  auto figures = [&] {
    return get(boss, "/api/shops/shop1/figures?agent=a1&from=2026-11-01&to=2026-11-30").body;
  };
  EXPECT_EQ(field(figures(), "complaints"), R"("1")");
  EXPECT_EQ(field(figures(), "validComplaints"), R"("1")");
  // Dismissed: still on record, no longer valid.
  auto dismissed = send(
      "POST", boss, "/api/shops/shop1/complaints/" + id.substr(1, id.size() - 2) + "/dismiss", "");
  ASSERT_EQ(dismissed.status, 200u) << dismissed.body;
  EXPECT_EQ(field(figures(), "complaints"), R"("1")");
  EXPECT_EQ(field(figures(), "validComplaints"), "");  // 0 is left out of the JSON
  EXPECT_EQ(
      send("POST", boss, "/api/shops/shop1/complaints", R"({"conversationId":"nope","text":"x"})")
          .status,
      404u);
  EXPECT_EQ(send("POST", login("a1"), "/api/shops/shop1/complaints",
                 R"({"conversationId":")" + k2_conversation + R"(","text":"x"})")
                .status,
            403u);
}

TEST_F(Kpi, R_SCORE_6_LevelReviewWithQuarterlyGradeRankAndTenure) {
  november();
  const std::string boss = login("sup1");
  for (auto [part, tenths] : {std::pair{"team_task", 300}, {"handover", 200}, {"skill", 100}})
    ASSERT_EQ(send("PUT", boss, "/api/shops/shop1/scorecards/2026-11/a1/parts/" + std::string{part},
                   R"({"pointsTenths":)" + std::to_string(tenths) + "}")
                  .status,
              200u);
  auto review = get(boss, "/api/shops/shop1/scorecards/review?quarter=2026-Q4");
  ASSERT_EQ(review.status, 200u) << review.body;
  // a1 leads the quarter; hired 2026-01-15, so 10 whole months on 2026-11-28.
  std::smatch m;
  ASSERT_TRUE(std::regex_search(review.body, m, std::regex{R"re(\{"agentId":"a1"[^}]*\})re"}))
      << review.body;
  const std::string a1 = m[0];
  EXPECT_NE(a1.find(R"("averageRank":1)"), std::string::npos) << a1;
  EXPECT_NE(a1.find(R"("hasTenure":true,"tenureMonths":10)"), std::string::npos) << a1;
  EXPECT_NE(a1.find(R"("grade":")"), std::string::npos) << a1;
  EXPECT_EQ(get(boss, "/api/shops/shop1/scorecards/review?quarter=2026-Q5").status, 400u);
  EXPECT_EQ(get(login("a1"), "/api/shops/shop1/scorecards/review?quarter=2026-Q4").status, 403u);
}

TEST_F(Kpi, R_MSG_2_TheAutomaticGreetingIsMarkedAndNeverCountedAsAResponse) {
  // Inside the shop's assessment window (R-KPI-1, 08:00–24:00 Shanghai): "today's" figures
  // would count nothing when the test runs at night there.
  set_server_time(shanghai_ms(2026, 1, 15, 10, 0));
  auto r1 = agent("r1");
  auto b = buyer_in(kRoundRobinShop, "greeted");
  v1::ClientFrame start;
  start.mutable_start_conversation();
  auto started = b->request(start);
  ASSERT_TRUE(started && started->has_conversation_started());
  const std::string conv = started->conversation_started().conversation().id();
  auto greeting = b->read_until([](auto& f) { return f.has_message(); });
  ASSERT_TRUE(greeting);
  EXPECT_EQ(greeting->message().message().kind(), v1::MESSAGE_KIND_AUTO_REPLY);
  EXPECT_EQ(greeting->message().message().sender_role(), v1::ROLE_SYSTEM);
  EXPECT_EQ(greeting->message().message().text(), "您好，欢迎光临本店！");
  // Recorded as an automatic message, not as the agent's.
  const std::string facts = redis().command_str({"XRANGE", "kefu:{shop5}:facts", "-", "+"});
  EXPECT_NE(facts.find("auto_msg"), std::string::npos) << facts;
  EXPECT_EQ(facts.find("agent_msg"), std::string::npos) << facts;
  // Starting again resumes the conversation: no second greeting.
  ASSERT_TRUE(b->request(start));
  EXPECT_EQ(redis().command_str({"XLEN", "kefu:{shop5}:conv:" + conv + ":msgs"}), "1");
  // The buyer's question is still waiting for a human: the round is pending, not answered.
  ASSERT_TRUE(say(*b, conv, "有优惠吗", "q-greet").has_ack());
  const std::string agent_id = started->conversation_started().conversation().agent_id();
  auto figures = get(login(agent_id), "/api/shops/shop5/figures?agent=" + agent_id);
  ASSERT_EQ(figures.status, 200u) << figures.body;
  EXPECT_EQ(field(figures.body, "roundsPending"), R"("1")") << figures.body;
  EXPECT_EQ(field(figures.body, "roundsAnswered"), "") << figures.body;
}

TEST_F(Kpi, ClosedPeriodsAreComputedOnceAndKeptUntilALateFactArrives) {
  november();
  const std::string boss = login("sup1");
  const std::string closed = "/api/shops/shop1/figures?agent=a1&from=2026-11-20&to=2026-11-21";
  const std::string open = "/api/shops/shop1/figures?agent=a1&from=2026-11-20&to=2026-11-30";
  auto first = get(boss, closed);
  ASSERT_EQ(first.status, 200u) << first.body;
  advance_server_time(1h);
  // Kept: the same answer, computed at the same moment.
  EXPECT_EQ(get(boss, closed).body, first.body);
  // A period still open is computed afresh every time.
  const std::string open_first = get(boss, open).body;
  advance_server_time(1min);
  EXPECT_NE(get(boss, open).body, open_first);
  // The platform delivers a payment of the 21st only now: the closed period is computed again.
  paid("o-k2-late", "k-2", shanghai_ms(2026, 11, 21, 11, 0), 2000);
  auto again = get(boss, closed);
  EXPECT_NE(again.body, first.body);
  EXPECT_EQ(field(again.body, "creditedSalesFen"), R"("12000")") << again.body;
}

TEST_F(Kpi, TodaysFiguresArePushedLiveToTheAgentAndTheSupervisor) {
  // Inside the shop's assessment window (R-KPI-1, 08:00–24:00 Shanghai): "today's" figures
  // would count nothing when the test runs at night there.
  set_server_time(shanghai_ms(2026, 1, 15, 10, 0));
  auto a1 = agent("a1");
  auto boss = agent("sup1");
  v1::ClientFrame watch;
  watch.mutable_watch_figures();
  auto first = a1->request(watch);
  ASSERT_TRUE(first && first->has_figures_update()) << (first ? first->DebugString() : "");
  EXPECT_EQ(first->figures_update().report().scope(), "a1");
  EXPECT_EQ(first->figures_update().report().receptions(), 0);
  auto shop = boss->request(watch);
  ASSERT_TRUE(shop && shop->has_figures_update());
  EXPECT_EQ(shop->figures_update().report().scope(), "shop");

  // a1 serves a buyer: both consoles get the new figures without asking again.
  auto b = buyer_in(kShop, "live-figures");
  v1::ClientFrame start;
  start.mutable_start_conversation();
  auto started = b->request(start);
  ASSERT_TRUE(started && started->has_conversation_started());
  const std::string conv = started->conversation_started().conversation().id();
  ASSERT_TRUE(say(*b, conv, "在吗", "q-live").has_ack());
  ASSERT_TRUE(say(*a1, conv, "在的亲", "r-live").has_ack());
  const auto wait = std::chrono::seconds(3 * FiguresPushSeconds());
  auto pushed = a1->read_until(
      [](auto& f) {
        return f.has_figures_update() && f.figures_update().report().receptions() == 1;
      },
      wait);
  ASSERT_TRUE(pushed);
  EXPECT_TRUE(pushed->request_id().empty()) << "a push, not an answer";
  EXPECT_EQ(pushed->figures_update().report().rounds_answered(), 1);
  ASSERT_TRUE(boss->read_until(
      [](auto& f) {
        return f.has_figures_update() && f.figures_update().report().receptions() == 1;
      },
      wait));

  // Buyers have no figures.
  auto refused = b->request(watch);
  ASSERT_TRUE(refused && refused->has_error());
  EXPECT_EQ(refused->error().code(), v1::ERROR_CODE_FORBIDDEN);
}

}  // namespace
}  // namespace kefu::test
