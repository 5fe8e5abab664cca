// Orders end to end (issue 4): shop platforms push signed order events over HTTP (R-ORDER-1),
// agents read orders and keep notes on them over the WebSocket (R-NOTE-1, R-MSG-6), follow-ups
// (R-MSG-4), and the effects on routing (R-ROUTE-1) and on the agent's screen (R-ORDER-2).
#include <thread>

#include "auth/hmac.h"
#include "e2e_fixture.h"

namespace kefu::test {
namespace {

class Orders : public E2E {
 protected:
  std::int64_t now_s() { return server_now_ms() / 1000; }

  static v1::ClientFrame get_order(const std::string& id) {
    v1::ClientFrame f;
    f.mutable_get_order()->set_order_id(id);
    return f;
  }
  static v1::ClientFrame save_note(const std::string& order, const std::string& text,
                                   const std::string& note = "", int expected = 0,
                                   v1::NoteFlag flag = v1::NOTE_FLAG_RED) {
    v1::ClientFrame f;
    auto* s = f.mutable_save_note();
    s->set_order_id(order);
    s->set_note_id(note);
    s->set_text(text);
    s->set_flag(flag);
    s->set_expected_version(expected);
    return f;
  }
  std::string start(WsClient& b) {
    v1::ClientFrame f;
    f.mutable_start_conversation();
    auto started = b.request(f);
    EXPECT_TRUE(started && started->has_conversation_started());
    return started ? started->conversation_started().conversation().id() : "";
  }
  v1::ServerFrame start_frame(WsClient& b) {
    v1::ClientFrame f;
    f.mutable_start_conversation();
    auto started = b.request(f);
    EXPECT_TRUE(started && started->has_conversation_started());
    return started ? *started : v1::ServerFrame{};
  }
  std::string state_of(const std::string& order) {
    return redis().command_str({"HGET", kShopKeyPrefix + "order:" + order, "state"});
  }
  // An event with items, shipping and the buyer's contact.
  static std::string full_event(const std::string& event_id, const std::string& order,
                                const std::string& buyer, const std::string& state,
                                const std::string& occurred_at) {
    return R"({"eventId":")" + event_id + R"(","orderId":")" + order + R"(","buyerId":")" + buyer +
           R"(","state":")" + state + R"(","occurredAt":")" + occurred_at +
           R"(","amountFen":"25900","items":[{"title":"羊毛大衣","sku":"M-灰","quantity":1,)"
           R"("priceFen":"25900"}],"shipping":{"courier":"顺丰","trackingNumber":"SF1234567890"},)"
           R"("contact":{"name":"王小明","phone":"13812345678","address":"浙江省杭州市西湖区文三路 100 号"}})";
  }
};

TEST_F(Orders, R_ORDER_1_SignedEventsAreStoredAndBadSignaturesRefused) {
  const std::string body = order_event_json("sig-1", "o-sig", "buyer-sig", "PAID", 1000);
  auto ok = post_order_events(body);
  EXPECT_EQ(ok.status, 200u) << ok.body;
  EXPECT_NE(ok.body.find(R"("stored":1)"), std::string::npos) << ok.body;
  EXPECT_EQ(state_of("o-sig"), "PAID");

  const std::string path = "/api/shops/shop1/order-events";
  const std::string ts = std::to_string(now_s());
  auto sign = [&](const std::string& secret, const std::string& t, const std::string& b) {
    return "sha256=" + auth::hmac_sha256_hex(secret, t + "." + b);
  };
  // No signature at all, or only half of it.
  EXPECT_EQ(http_request(port(), "POST", path, body).status, 401u);
  EXPECT_EQ(http_request(port(), "POST", path, body, "application/json", {{"X-Kefu-Timestamp", ts}})
                .status,
            401u);
  // Signed with another secret, over another body, or with another timestamp.
  const std::string other = order_event_json("sig-2", "o-sig", "buyer-sig", "CLOSED", 2000);
  EXPECT_EQ(http_request(port(), "POST", path, other, "application/json",
                         {{"X-Kefu-Timestamp", ts},
                          {"X-Kefu-Signature", sign("another-secret-0123456789", ts, other)}})
                .status,
            401u);
  EXPECT_EQ(
      http_request(port(), "POST", path, other, "application/json",
                   {{"X-Kefu-Timestamp", ts}, {"X-Kefu-Signature", sign(kWebhookSecret, ts, body)}})
          .status,
      401u);
  const std::string ts2 = std::to_string(now_s() - 1);
  EXPECT_EQ(http_request(
                port(), "POST", path, other, "application/json",
                {{"X-Kefu-Timestamp", ts2}, {"X-Kefu-Signature", sign(kWebhookSecret, ts, other)}})
                .status,
            401u);
  EXPECT_EQ(http_request(port(), "POST", path, other, "application/json",
                         {{"X-Kefu-Timestamp", ts}, {"X-Kefu-Signature", "sha256=zz"}})
                .status,
            401u);
  EXPECT_EQ(state_of("o-sig"), "PAID") << "nothing refused was stored";

  // Replay window: a correctly signed request older or newer than 5 minutes.
  auto stale = post_order_events(other, "application/json", "shop1", now_s() - 301);
  EXPECT_EQ(stale.status, 401u);
  EXPECT_NE(stale.body.find("5 minutes"), std::string::npos) << stale.body;
  EXPECT_EQ(post_order_events(other, "application/json", "shop1", now_s() + 301).status, 401u);
  EXPECT_EQ(post_order_events(other, "application/json", "shop1", now_s() - 290).status, 200u);
  EXPECT_EQ(state_of("o-sig"), "CLOSED");

  // Unknown shop; wrong method.
  EXPECT_EQ(post_order_events(body, "application/json", "no-such-shop").status, 404u);
  EXPECT_EQ(http_request(port(), "GET", path).status, 405u);
}

TEST_F(Orders, R_ORDER_1_MalformedBodiesAre400NamingTheField) {
  struct Case {
    std::string body;
    std::string names;
  };
  const Case cases[] = {
      {"{not json", ""},
      {R"({"eventId":"m1","orderId":"o-m","buyerId":"b","state":"SHIPPEDX",)"
       R"("occurredAt":"2026-11-11T00:00:00Z","amountFen":"1"})",
       "state"},
      {R"({"eventId":"m1","orderId":"o-m","buyerId":"b","state":"PAID","amountFen":"1"})",
       "events[0].occurredAt"},
      {R"({"eventId":"m1","orderId":"o-m","buyerId":"b","state":"PAID",)"
       R"("occurredAt":"11/11/2026","amountFen":"1"})",
       "events[0].occurredAt"},
      {R"({"orderId":"o-m","buyerId":"b","state":"PAID",)"
       R"("occurredAt":"2026-11-11T00:00:00Z","amountFen":"1"})",
       "events[0].eventId"},
      {R"({"eventId":"m1","orderId":"o-m","buyerId":"b","state":"PAID",)"
       R"("occurredAt":"2026-11-11T00:00:00Z","amountFen":"-5"})",
       "events[0].amountFen"},
      {R"({"eventId":"m1","orderId":"o-m","buyerId":"b","occurredAt":"2026-11-11T00:00:00Z",)"
       R"("amountFen":"1"})",
       "events[0].state"},
      {R"({"events":[]})", "events"},
  };
  for (const auto& c : cases) {
    auto res = post_order_events(c.body);
    EXPECT_EQ(res.status, 400u) << c.body << " → " << res.body;
    EXPECT_NE(res.body.find(c.names), std::string::npos) << c.body << " → " << res.body;
  }
  EXPECT_EQ(state_of("o-m"), "(nil)");
  EXPECT_EQ(post_order_events("eventId=1", "text/plain").status, 415u);
}

TEST_F(Orders, R_ORDER_1_ABatchWithOneBadEventIsRefusedWholeAndCanBeResent) {
  // Decided: the batch is all or nothing, so a platform that fixes the bad event and resends
  // the same batch gets every event stored exactly once.
  auto batch = [](const std::string& middle_time) {
    return R"({"events":[)" + order_event_json("bt-1", "o-b1", "buyer-bt", "PAID", 1000) + "," +
           R"({"eventId":"bt-2","orderId":"o-b2","buyerId":"buyer-bt","state":"PAID",)"
           R"("occurredAt":")" +
           middle_time + R"(","amountFen":"100"},)" +
           order_event_json("bt-3", "o-b3", "buyer-bt", "PAID", 3000) + "]}";
  };
  auto bad = post_order_events(batch("not a time"));
  EXPECT_EQ(bad.status, 400u);
  EXPECT_NE(bad.body.find("events[1].occurredAt"), std::string::npos) << bad.body;
  EXPECT_EQ(state_of("o-b1"), "(nil)");
  EXPECT_EQ(state_of("o-b3"), "(nil)");
  EXPECT_EQ(redis().command_str({"HLEN", kShopKeyPrefix + "order-events"}), "0");

  auto fixed = post_order_events(batch("1970-01-01T00:00:02Z"));
  EXPECT_EQ(fixed.status, 200u) << fixed.body;
  EXPECT_NE(fixed.body.find(R"("stored":3)"), std::string::npos) << fixed.body;
  // Newest first.
  EXPECT_EQ(redis().command_str({"ZREVRANGE", kShopKeyPrefix + "buyer:buyer-bt:orders", "0", "0"}),
            "o-b3");
}

TEST_F(Orders, R_ORDER_1_TheSameEventTwiceChangesNothing) {
  const std::string body = order_event_json("dup-1", "o-dup", "buyer-dup", "PAID", 5000, 777);
  EXPECT_EQ(post_order_events(body).status, 200u);
  auto again = post_order_events(body);
  EXPECT_EQ(again.status, 200u);
  EXPECT_NE(again.body.find(R"("duplicates":1)"), std::string::npos) << again.body;
  // The same id with other content is the same event: still nothing changes.
  auto changed = post_order_events(order_event_json("dup-1", "o-dup", "buyer-dup", "CLOSED", 9000));
  EXPECT_EQ(changed.status, 200u);
  EXPECT_EQ(state_of("o-dup"), "PAID");
  // One paid fact for KPI conversion (R-KPI-6), not two.
  EXPECT_EQ(redis().command_str({"XLEN", kShopKeyPrefix + "facts"}), "1");
}

TEST_F(Orders, R_ORDER_1_AnOlderEventArrivingLateNeverRollsTheOrderBack) {
  // Shipped at 10:00 arrives first, paid at 09:00 after it.
  EXPECT_EQ(post_order_events(full_event("late-2", "o-late", "buyer-late", "SHIPPED",
                                         "2026-11-11T10:00:00+08:00"))
                .status,
            200u);
  EXPECT_EQ(post_order_events(order_event_json("late-1", "o-late", "buyer-late", "PAID",
                                               shanghai_ms(2026, 11, 11, 9, 0), 25900))
                .status,
            200u);
  EXPECT_EQ(state_of("o-late"), "SHIPPED");
  // The payment still counts, at its own time (R-KPI-6).
  EXPECT_EQ(redis().command_str({"HGET", kShopKeyPrefix + "order:o-late", "paid_at_ms"}),
            std::to_string(shanghai_ms(2026, 11, 11, 9, 0)));
  // A later event without items keeps the items the earlier one sent.
  EXPECT_EQ(post_order_events(order_event_json("late-3", "o-late", "buyer-late", "COMPLETED",
                                               shanghai_ms(2026, 11, 14, 9, 0), 25900))
                .status,
            200u);
  auto sup = agent("sup1");
  auto view = sup->request(get_order("o-late"));
  ASSERT_TRUE(view && view->has_order_view()) << (view ? view->DebugString() : "");
  const auto& o = view->order_view().order();
  EXPECT_EQ(o.state(), v1::COMPLETED);
  ASSERT_EQ(o.items_size(), 1);
  EXPECT_EQ(o.items(0).title(), "羊毛大衣");
  EXPECT_EQ(o.shipping().tracking_number(), "SF1234567890");
  EXPECT_EQ(o.paid_at_ms(), shanghai_ms(2026, 11, 11, 9, 0));
}

TEST_F(Orders, R_ORDER_1_BinaryProtobufBodies) {
  v1::OrderEventBatch batch;
  auto* e = batch.add_events();
  e->set_event_id("pb-1");
  e->set_order_id("o-pb");
  e->set_buyer_id("buyer-pb");
  e->set_state(v1::UNPAID);
  e->set_occurred_at("2026-11-11T00:00:00+08:00");
  e->set_amount_fen(100);
  auto res = post_order_events(batch.SerializeAsString(), "application/x-protobuf");
  EXPECT_EQ(res.status, 200u) << res.body;
  EXPECT_EQ(state_of("o-pb"), "UNPAID");
  EXPECT_EQ(post_order_events("\xff\xff\xff garbage", "application/x-protobuf").status, 400u);
}

TEST_F(Orders, R_ORDER_2_TheServingAgentSeesTheOrderChangeAtOnce) {
  auto a1 = agent("a1");
  put_order("buyer-live", "o-live", "PAID", 1000);
  auto b = buyer("buyer-live");
  auto started = start_frame(*b);
  const auto& conv = started.conversation_started().conversation();
  ASSERT_EQ(conv.agent_id(), "a1");
  a1->read_until([](auto& f) { return f.has_conversation_assigned(); });

  ASSERT_EQ(post_order_events(
                full_event("live-2", "o-live", "buyer-live", "SHIPPED", "1970-01-01T00:00:02Z"))
                .status,
            200u);
  auto pushed = a1->read_until([](auto& f) { return f.has_order_updated(); });
  ASSERT_TRUE(pushed);
  EXPECT_EQ(pushed->order_updated().conversation_id(), conv.id());
  EXPECT_EQ(pushed->order_updated().order().state(), v1::SHIPPED);
  // The agent serving the buyer sees the contact in full (R-MSG-6).
  EXPECT_EQ(pushed->order_updated().order().contact().phone(), "13812345678");

  // R-ROUTE-1: the ongoing conversation stays with its agent...
  auto b1 = agent("b1");
  EXPECT_EQ(redis().command_str({"HGET", kShopKeyPrefix + "conv:" + conv.id(), "agent"}), "a1");
  // ...the next one routes by the new state.
  v1::ClientFrame end;
  end.mutable_end_conversation()->set_conversation_id(conv.id());
  b->send(end);
  ASSERT_TRUE(b->read_until([](auto& f) { return f.has_conversation_ended(); }));
  auto next = start_frame(*b);
  EXPECT_EQ(next.conversation_started().conversation().group(), "aftersale");
  EXPECT_EQ(next.conversation_started().conversation().agent_id(), "b1");
}

TEST_F(Orders, R_ROUTE_1_AnOrderShippingWhileTheBuyerWaitsMovesThemToAfterSale) {
  // Nobody of pre-sale is online: the buyer of a paid order waits in the pre-sale queue.
  auto b1 = agent("b1");
  put_order("buyer-q", "o-q", "PAID", 1000);
  auto b = buyer("buyer-q");
  auto started = start_frame(*b);
  ASSERT_EQ(started.conversation_started().conversation().status(), v1::CONVERSATION_STATUS_QUEUED);
  EXPECT_EQ(started.conversation_started().conversation().group(), "presale");

  // The order ships: the buyer moves to after-sale, where b1 is free.
  ASSERT_EQ(post_order_events(order_event_json("q-2", "o-q", "buyer-q", "SHIPPED", 2000)).status,
            200u);
  auto assigned = b1->read_until([](auto& f) { return f.has_conversation_assigned(); });
  ASSERT_TRUE(assigned);
  EXPECT_EQ(assigned->conversation_assigned().conversation().buyer_id(), "buyer-q");
  EXPECT_EQ(assigned->conversation_assigned().conversation().group(), "aftersale");
}

TEST_F(Orders, R_MSG_6_ContactIsMaskedExceptForTheServingAgentsOrderView) {
  auto a1 = agent("a1");
  auto a2 = agent("a2");
  ASSERT_EQ(
      post_order_events(full_event("pv-1", "o-pv", "buyer-pv", "PAID", "2026-11-11T00:00:00+08:00"))
          .status,
      200u);
  auto b = buyer("buyer-pv");
  const std::string conv = start(*b);
  const std::string serving =
      redis().command_str({"HGET", kShopKeyPrefix + "conv:" + conv, "agent"});
  ASSERT_FALSE(serving.empty());
  WsClient& mine = serving == "a1" ? *a1 : *a2;
  WsClient& other = serving == "a1" ? *a2 : *a1;

  auto full = mine.request(get_order("o-pv"));
  ASSERT_TRUE(full && full->has_order_view());
  EXPECT_FALSE(full->order_view().contact_masked());
  EXPECT_EQ(full->order_view().order().contact().phone(), "13812345678");
  EXPECT_EQ(full->order_view().order().contact().address(), "浙江省杭州市西湖区文三路 100 号");

  auto masked = other.request(get_order("o-pv"));
  ASSERT_TRUE(masked && masked->has_order_view());
  EXPECT_TRUE(masked->order_view().contact_masked());
  EXPECT_EQ(masked->order_view().order().contact().phone(), "138****5678");
  EXPECT_EQ(masked->order_view().order().contact().address().substr(0, 18), "浙江省杭州市");
  EXPECT_EQ(masked->order_view().order().contact().address().find("文三路"), std::string::npos);
  EXPECT_EQ(masked->order_view().order().contact().name(), "王**");

  // Lists are masked for everyone, the serving agent too.
  v1::ClientFrame list;
  list.mutable_list_orders()->set_conversation_id(conv);
  auto listed = mine.request(list);
  ASSERT_TRUE(listed && listed->has_order_list()) << (listed ? listed->DebugString() : "");
  EXPECT_EQ(listed->order_list().buyer_id(), "buyer-pv");
  ASSERT_EQ(listed->order_list().orders_size(), 1);
  EXPECT_EQ(listed->order_list().orders(0).order().contact().phone(), "138****5678");

  // A buyer may not use the staff's order requests: only get their own order (issue 6: the
  // buyer window shows it), without notes. Unknown orders are named as such.
  auto refused = b->request(list);
  ASSERT_TRUE(refused && refused->has_error());
  EXPECT_EQ(refused->error().code(), v1::ERROR_CODE_FORBIDDEN);
  auto own = b->request(get_order("o-pv"));
  ASSERT_TRUE(own && own->has_order_view()) << (own ? own->DebugString() : "");
  EXPECT_EQ(own->order_view().notes_size(), 0);
  EXPECT_TRUE(own->order_view().contact_masked());
  auto unknown = mine.request(get_order("no-such-order"));
  ASSERT_TRUE(unknown && unknown->has_error());
  EXPECT_EQ(unknown->error().code(), v1::ERROR_CODE_NOT_FOUND);
}

TEST_F(Orders, R_NOTE_1_NotesKeepEveryVersionAndNeverLoseAnEdit) {
  put_order("buyer-note", "o-note", "PAID", 1000);
  auto a1 = agent("a1");
  auto a2 = agent("a2");

  auto written = a1->request(save_note("o-note", "顺丰发货，送礼盒"));
  ASSERT_TRUE(written && written->has_note_saved()) << (written ? written->DebugString() : "");
  const auto note = written->note_saved().note();
  EXPECT_EQ(note.version(), 1);
  EXPECT_EQ(note.author_id(), "a1");
  EXPECT_EQ(note.flag(), v1::NOTE_FLAG_RED);
  EXPECT_GT(note.created_at_ms(), 0);

  // a2 edits the version they saw.
  auto edited = a2->request(save_note("o-note", "顺丰发货，送礼盒和贺卡", note.id(), 1));
  ASSERT_TRUE(edited && edited->has_note_saved());
  EXPECT_EQ(edited->note_saved().note().version(), 2);
  EXPECT_EQ(edited->note_saved().note().edited_by(), "a2");
  EXPECT_EQ(edited->note_saved().note().author_id(), "a1");

  // a1 still has version 1 on screen: their edit is refused, with the current note.
  auto stale = a1->request(save_note("o-note", "改发中通", note.id(), 1));
  ASSERT_TRUE(stale && stale->has_error());
  EXPECT_EQ(stale->error().code(), v1::ERROR_CODE_CONFLICT);
  EXPECT_EQ(stale->error().current_note().version(), 2);
  EXPECT_EQ(stale->error().current_note().text(), "顺丰发货，送礼盒和贺卡");

  // The history: who, when, and each text.
  v1::ClientFrame history;
  history.mutable_get_note_history()->set_note_id(note.id());
  auto h = a1->request(history);
  ASSERT_TRUE(h && h->has_note_history()) << (h ? h->DebugString() : "");
  ASSERT_EQ(h->note_history().revisions_size(), 2);
  EXPECT_EQ(h->note_history().revisions(0).text(), "顺丰发货，送礼盒");
  EXPECT_EQ(h->note_history().revisions(0).edited_by(), "a1");
  EXPECT_EQ(h->note_history().revisions(1).text(), "顺丰发货，送礼盒和贺卡");
  EXPECT_EQ(h->note_history().revisions(1).edited_by(), "a2");
  EXPECT_GT(h->note_history().revisions(1).edited_at_ms(), 0);

  // The order shows its notes.
  auto view = a2->request(get_order("o-note"));
  ASSERT_TRUE(view && view->has_order_view());
  ASSERT_EQ(view->order_view().notes_size(), 1);
  EXPECT_EQ(view->order_view().notes(0).version(), 2);

  // Bad requests say what is wrong.
  for (auto bad :
       {save_note("o-note", ""), save_note("o-note", "x", "", 0, v1::NOTE_FLAG_UNSPECIFIED),
        save_note("o-note", "x", note.id(), 0)}) {
    auto r = a1->request(bad);
    ASSERT_TRUE(r && r->has_error());
    EXPECT_EQ(r->error().code(), v1::ERROR_CODE_INVALID_ARGUMENT) << r->DebugString();
  }
  auto no_order = a1->request(save_note("no-such-order", "x"));
  ASSERT_TRUE(no_order && no_order->has_error());
  EXPECT_EQ(no_order->error().code(), v1::ERROR_CODE_NOT_FOUND);
}

TEST_F(Orders, R_NOTE_1_ConcurrentEditsOfOneVersionSaveExactlyOne) {
  put_order("buyer-race", "o-race", "PAID", 1000);
  auto a1 = agent("a1");
  auto a2 = agent("a2");
  auto first = a1->request(save_note("o-race", "v1"));
  ASSERT_TRUE(first && first->has_note_saved());
  const std::string id = first->note_saved().note().id();
  for (int round = 1; round <= 10; ++round) {
    // Both send an edit of the same version before reading either answer.
    auto e1 = save_note("o-race", "a1 round " + std::to_string(round), id, round);
    auto e2 = save_note("o-race", "a2 round " + std::to_string(round), id, round);
    e1.set_request_id("r1-" + std::to_string(round));
    e2.set_request_id("r2-" + std::to_string(round));
    a1->send(e1);
    a2->send(e2);
    auto r1 = a1->answer(e1.request_id());
    auto r2 = a2->answer(e2.request_id());
    ASSERT_TRUE(r1 && r2);
    EXPECT_EQ(r1->has_note_saved() + r2->has_note_saved(), 1) << "round " << round;
    const auto& loser = r1->has_note_saved() ? *r2 : *r1;
    const auto& winner = r1->has_note_saved() ? *r1 : *r2;
    ASSERT_TRUE(loser.has_error());
    EXPECT_EQ(loser.error().code(), v1::ERROR_CODE_CONFLICT);
    EXPECT_EQ(loser.error().current_note().text(), winner.note_saved().note().text());
  }
  // Every saved version is in the history, none twice.
  v1::ClientFrame history;
  history.mutable_get_note_history()->set_note_id(id);
  auto h = a1->request(history);
  ASSERT_TRUE(h && h->has_note_history());
  ASSERT_EQ(h->note_history().revisions_size(), 11);
  for (int i = 0; i < 11; ++i) EXPECT_EQ(h->note_history().revisions(i).version(), i + 1);
}

TEST_F(Orders, R_NOTE_1_ANoteSavedByAColleagueReachesTheServingAgent) {
  auto a1 = agent("a1");
  put_order("buyer-np", "o-np", "PAID", 1000);
  auto b = buyer("buyer-np");
  const std::string conv = start(*b);
  ASSERT_EQ(redis().command_str({"HGET", kShopKeyPrefix + "conv:" + conv, "agent"}), "a1");
  auto sup = agent("sup1");
  auto saved = sup->request(save_note("o-np", "买家要求周末送达", "", 0, v1::NOTE_FLAG_YELLOW));
  ASSERT_TRUE(saved && saved->has_note_saved());
  auto pushed = a1->read_until([](auto& f) { return f.has_note_saved(); });
  ASSERT_TRUE(pushed);
  EXPECT_EQ(pushed->note_saved().note().text(), "买家要求周末送达");
  EXPECT_EQ(pushed->note_saved().note().author_id(), "sup1");
}

TEST_F(Orders, R_MSG_4_FollowUpsAreDueWithin24HoursAndFlaggedWhenOverdue) {
  auto a1 = agent("a1");
  auto a2 = agent("a2");
  auto b = buyer_in(kShop, "buyer-fu");
  const std::string conv = start(*b);
  const std::string serving =
      redis().command_str({"HGET", kShopKeyPrefix + "conv:" + conv, "agent"});
  WsClient& mine = serving == "a1" ? *a1 : *a2;
  WsClient& other = serving == "a1" ? *a2 : *a1;
  const std::int64_t now = server_now_ms();

  v1::ClientFrame set;
  set.mutable_set_follow_up()->set_conversation_id(conv);
  set.mutable_set_follow_up()->set_text("查询仓库是否有 M 码，回复买家");
  set.mutable_set_follow_up()->set_due_at_ms(now + 3600 * 1000);
  auto listed = mine.request(set);
  ASSERT_TRUE(listed && listed->has_follow_up_list()) << (listed ? listed->DebugString() : "");
  ASSERT_EQ(listed->follow_up_list().follow_ups_size(), 1);
  const auto fu = listed->follow_up_list().follow_ups(0);
  EXPECT_EQ(fu.buyer_id(), "buyer-fu");
  EXPECT_FALSE(fu.overdue());

  // Not their conversation; more than 24 h away; in the past.
  auto forbidden = other.request(set);
  ASSERT_TRUE(forbidden && forbidden->has_error());
  EXPECT_EQ(forbidden->error().code(), v1::ERROR_CODE_FORBIDDEN);
  for (std::int64_t due : {now + std::int64_t{25} * 3600 * 1000, now - 1000}) {
    set.mutable_set_follow_up()->set_due_at_ms(due);
    auto r = mine.request(set);
    ASSERT_TRUE(r && r->has_error());
    EXPECT_EQ(r->error().code(), v1::ERROR_CODE_INVALID_ARGUMENT);
  }

  // Two hours later it is overdue.
  advance_server_time(std::chrono::hours(2));
  v1::ClientFrame list;
  list.mutable_list_follow_ups();
  auto later = mine.request(list);
  ASSERT_TRUE(later && later->has_follow_up_list());
  ASSERT_EQ(later->follow_up_list().follow_ups_size(), 1);
  EXPECT_TRUE(later->follow_up_list().follow_ups(0).overdue());
  // The supervisor sees everyone's.
  auto boss = login("sup1");
  auto http = http_request(port(), "GET", "/api/shops/shop1/follow-ups", {}, "application/json",
                           {{"Authorization", "Bearer " + boss}});
  EXPECT_EQ(http.status, 200u);
  EXPECT_NE(http.body.find(R"("overdue":true)"), std::string::npos) << http.body;

  // Done: gone from the list, shown among the done ones.
  v1::ClientFrame complete;
  complete.mutable_complete_follow_up()->set_follow_up_id(fu.id());
  auto after = mine.request(complete);
  ASSERT_TRUE(after && after->has_follow_up_list());
  EXPECT_EQ(after->follow_up_list().follow_ups_size(), 0);
  list.mutable_list_follow_ups()->set_include_done(true);
  auto with_done = mine.request(list);
  ASSERT_TRUE(with_done && with_done->has_follow_up_list());
  ASSERT_EQ(with_done->follow_up_list().follow_ups_size(), 1);
  EXPECT_GT(with_done->follow_up_list().follow_ups(0).done_at_ms(), 0);
  EXPECT_FALSE(with_done->follow_up_list().follow_ups(0).overdue());
}

TEST_F(Orders, SupervisorsReadOrdersAndNoteHistoryOverHttp) {
  ASSERT_EQ(
      post_order_events(full_event("sh-1", "o-sh", "buyer-sh", "PAID", "2026-11-11T00:00:00+08:00"))
          .status,
      200u);
  auto a1 = agent("a1");
  auto saved = a1->request(save_note("o-sh", "赠品：围巾"));
  ASSERT_TRUE(saved && saved->has_note_saved());
  const std::string boss = login("sup1"), worker = login("a1");
  auto get = [&](const std::string& token, const std::string& path) {
    return http_request(port(), "GET", path, {}, "application/json",
                        {{"Authorization", "Bearer " + token}});
  };
  auto orders = get(boss, "/api/shops/shop1/buyers/buyer-sh/orders");
  EXPECT_EQ(orders.status, 200u) << orders.body;
  EXPECT_NE(orders.body.find("赠品：围巾"), std::string::npos) << orders.body;
  EXPECT_NE(orders.body.find("138****5678"), std::string::npos) << orders.body;
  EXPECT_EQ(orders.body.find("13812345678"), std::string::npos) << orders.body;
  auto order = get(boss, "/api/shops/shop1/orders/o-sh");
  EXPECT_EQ(order.status, 200u);
  EXPECT_EQ(get(boss, "/api/shops/shop1/orders/nope").status, 404u);
  auto history =
      get(boss, "/api/shops/shop1/notes/" + saved->note_saved().note().id() + "/history");
  EXPECT_EQ(history.status, 200u) << history.body;
  EXPECT_NE(history.body.find("赠品：围巾"), std::string::npos);
  // Agents use the WebSocket; these endpoints are the supervisors'.
  EXPECT_EQ(get(worker, "/api/shops/shop1/buyers/buyer-sh/orders").status, 403u);
  EXPECT_EQ(http_request(port(), "GET", "/api/shops/shop1/orders/o-sh").status, 401u);
}

}  // namespace
}  // namespace kefu::test
