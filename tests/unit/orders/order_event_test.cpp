#include "orders/order_event.h"

#include <gtest/gtest.h>

namespace kefu::orders {
namespace {

v1::OrderEvent good_event(const std::string& id = "ev-1") {
  v1::OrderEvent e;
  e.set_event_id(id);
  e.set_order_id("o-1");
  e.set_buyer_id("tb_buyer");
  e.set_state(v1::PAID);
  e.set_occurred_at("2026-11-11T00:00:05+08:00");
  e.set_amount_fen(19900);
  return e;
}

std::optional<EventError> check_one(const v1::OrderEvent& e) {
  v1::OrderEventBatch batch;
  *batch.add_events() = e;
  std::vector<CheckedEvent> out;
  return check_batch(batch, out);
}

TEST(OrdersCheckBatch, R_ORDER_1_AGoodBatchIsCheckedWithItsTimes) {
  v1::OrderEventBatch batch;
  *batch.add_events() = good_event("a");
  *batch.add_events() = good_event("b");
  std::vector<CheckedEvent> out;
  EXPECT_FALSE(check_batch(batch, out).has_value());
  ASSERT_EQ(out.size(), 2U);
  EXPECT_EQ(out[1].event.event_id(), "b");
  EXPECT_EQ(out[0].occurred_ms, 1'794'326'405'000);
}

TEST(OrdersCheckBatch, R_ORDER_1_EachBadFieldIsNamedWithItsPlaceInTheBatch) {
  struct Case {
    const char* field;
    void (*spoil)(v1::OrderEvent&);
  };
  const Case cases[] = {
      {"eventId", [](v1::OrderEvent& e) { e.clear_event_id(); }},
      {"orderId", [](v1::OrderEvent& e) { e.set_order_id("o}1"); }},
      {"buyerId", [](v1::OrderEvent& e) { e.set_buyer_id(std::string(200, 'b')); }},
      {"buyerId", [](v1::OrderEvent& e) { e.set_buyer_id("bad\xff"); }},
      {"state", [](v1::OrderEvent& e) { e.clear_state(); }},
      {"occurredAt", [](v1::OrderEvent& e) { e.set_occurred_at("yesterday"); }},
      {"amountFen", [](v1::OrderEvent& e) { e.set_amount_fen(-1); }},
      {"items[1]",
       [](v1::OrderEvent& e) {
         e.add_items()->set_quantity(1);
         e.add_items()->set_quantity(-2);
       }},
  };
  for (const auto& c : cases) {
    v1::OrderEventBatch batch;
    *batch.add_events() = good_event("a");
    auto* bad = batch.add_events();
    *bad = good_event("b");
    c.spoil(*bad);
    std::vector<CheckedEvent> out;
    auto error = check_batch(batch, out);
    ASSERT_TRUE(error.has_value()) << c.field;
    EXPECT_EQ(error->field, std::string("events[1].") + c.field);
    EXPECT_FALSE(error->message.empty());
    EXPECT_TRUE(out.empty()) << "a batch with a bad event is refused whole";
  }
}

TEST(OrdersCheckBatch, EmptyAndOversizeBatchesAreRefused) {
  v1::OrderEventBatch batch;
  std::vector<CheckedEvent> out;
  ASSERT_TRUE(check_batch(batch, out).has_value());
  EXPECT_EQ(check_batch(batch, out)->field, "events");
  for (std::size_t i = 0; i <= kMaxBatch; ++i)
    *batch.add_events() = good_event("e" + std::to_string(i));
  ASSERT_TRUE(check_batch(batch, out).has_value());
  batch.mutable_events()->RemoveLast();
  EXPECT_FALSE(check_batch(batch, out).has_value());
}

TEST(OrdersCheckBatch, UnknownEnumNumbersAreRefused) {
  auto e = good_event();
  e.set_state(static_cast<v1::OrderState>(42));
  ASSERT_TRUE(check_one(e).has_value());
  EXPECT_EQ(check_one(e)->field, "events[0].state");
}

TEST(OrdersSupersedes, R_ORDER_1_AnOlderEventNeverRollsTheOrderBack) {
  const int paid = state_rank(v1::PAID), shipped = state_rank(v1::SHIPPED);
  EXPECT_TRUE(supersedes(2000, paid, 1000, shipped));   // later wins, whatever the state
  EXPECT_FALSE(supersedes(1000, paid, 2000, shipped));  // the late PAID after SHIPPED
  // The same instant: the state further along wins, so paid-then-shipped in one second
  // ends shipped whichever arrives first.
  EXPECT_TRUE(supersedes(1000, shipped, 1000, paid));
  EXPECT_FALSE(supersedes(1000, paid, 1000, shipped));
  EXPECT_FALSE(supersedes(1000, paid, 1000, paid));
}

TEST(OrdersStateRank, FollowsTheOrdersLife) {
  EXPECT_LT(state_rank(v1::UNPAID), state_rank(v1::PAID));
  EXPECT_LT(state_rank(v1::PAID), state_rank(v1::SHIPPED));
  EXPECT_LT(state_rank(v1::SHIPPED), state_rank(v1::COMPLETED));
  EXPECT_LT(state_rank(v1::COMPLETED), state_rank(v1::AFTER_SALE));
  EXPECT_LT(state_rank(v1::AFTER_SALE), state_rank(v1::CLOSED));
}

TEST(OrdersParts, AnEventWithoutItemsKeepsTheItemsOfAnEarlierOne) {
  auto created = good_event();
  auto* item = created.add_items();
  item->set_title("羊毛大衣");
  item->set_quantity(1);
  created.mutable_contact()->set_phone("13812345678");
  v1::OrderEventBatch batch;
  *batch.add_events() = created;
  std::vector<CheckedEvent> checked;
  ASSERT_FALSE(check_batch(batch, checked).has_value());
  const OrderParts first = split_order(order_from_event(checked[0]));
  EXPECT_FALSE(first.items.empty());
  EXPECT_TRUE(first.shipping.empty());

  auto shipped = good_event("ev-2");
  shipped.set_state(v1::SHIPPED);
  shipped.mutable_shipping()->set_courier("顺丰");
  *batch.mutable_events(0) = shipped;
  ASSERT_FALSE(check_batch(batch, checked).has_value());
  const OrderParts second = split_order(order_from_event(checked[0]));
  EXPECT_TRUE(second.items.empty());

  // What the store does: the newer core and shipping, the older items and contact kept.
  auto order = join_order(second.core, first.items, second.shipping, first.contact);
  ASSERT_TRUE(order.has_value());
  EXPECT_EQ(order->state(), v1::SHIPPED);
  ASSERT_EQ(order->items_size(), 1);
  EXPECT_EQ(order->items(0).title(), "羊毛大衣");
  EXPECT_EQ(order->shipping().courier(), "顺丰");
  EXPECT_EQ(order->contact().phone(), "13812345678");
  EXPECT_FALSE(join_order("\xff\xff", "", "", "").has_value());
}

TEST(OrdersOrderFromEvent, OnlyAPaidEventSetsThePaidTime) {
  CheckedEvent c{good_event(), 5000};
  EXPECT_EQ(order_from_event(c).paid_at_ms(), 5000);
  c.event.set_state(v1::SHIPPED);
  EXPECT_EQ(order_from_event(c).paid_at_ms(), 0);
}

}  // namespace
}  // namespace kefu::orders
