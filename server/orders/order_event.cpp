#include "orders/order_event.h"

#include "auth/buyer_token.h"
#include "orders/rfc3339.h"

namespace kefu::orders {

namespace {

bool valid_id(const std::string& id) {
  // Ids go into Redis keys after the shop's hash tag: no braces, no control characters.
  if (id.empty() || id.size() > 128) return false;
  for (unsigned char c : id)
    if (c < 0x20 || c == 0x7f || c == '{' || c == '}') return false;
  return true;
}

std::optional<EventError> check_event(const v1::OrderEvent& e, const std::string& at,
                                      CheckedEvent& out) {
  auto error = [&](const char* field, std::string message) {
    return EventError{at + field, std::move(message)};
  };
  if (!valid_id(e.event_id())) return error("eventId", "1 to 128 characters, no { } or controls");
  if (!valid_id(e.order_id())) return error("orderId", "1 to 128 characters, no { } or controls");
  if (!auth::is_valid_token_id(e.buyer_id()) || !valid_id(e.buyer_id()))
    return error("buyerId", "1 to 128 bytes of UTF-8, no { } or controls");
  if (e.state() == v1::ORDER_STATE_UNSPECIFIED || !v1::OrderState_IsValid(e.state()))
    return error("state", "one of UNPAID, PAID, SHIPPED, COMPLETED, AFTER_SALE, CLOSED");
  auto ms = parse_rfc3339_ms(e.occurred_at());
  if (!ms) return error("occurredAt", "an RFC 3339 time such as 2026-11-11T00:00:05+08:00");
  if (e.amount_fen() < 0) return error("amountFen", "must not be negative");
  for (int i = 0; i < e.items_size(); ++i) {
    const auto& item = e.items(i);
    if (item.quantity() < 0 || item.price_fen() < 0)
      return error(("items[" + std::to_string(i) + "]").c_str(),
                   "quantity and priceFen must not be negative");
  }
  out.event = e;
  out.occurred_ms = *ms;
  return std::nullopt;
}

}  // namespace

std::optional<EventError> check_batch(const v1::OrderEventBatch& batch,
                                      std::vector<CheckedEvent>& out) {
  out.clear();
  if (batch.events_size() == 0) return EventError{"events", "no events"};
  if (static_cast<std::size_t>(batch.events_size()) > kMaxBatch)
    return EventError{"events", "at most 1000 events in one request"};
  for (int i = 0; i < batch.events_size(); ++i) {
    CheckedEvent checked;
    if (auto e = check_event(batch.events(i), "events[" + std::to_string(i) + "].", checked)) {
      out.clear();
      return e;
    }
    out.push_back(std::move(checked));
  }
  return std::nullopt;
}

int state_rank(v1::OrderState s) {
  switch (s) {
    case v1::UNPAID:
      return 1;
    case v1::PAID:
      return 2;
    case v1::SHIPPED:
      return 3;
    case v1::COMPLETED:
      return 4;
    case v1::AFTER_SALE:
      return 5;
    case v1::CLOSED:
      return 6;
    default:
      return 0;
  }
}

bool supersedes(std::int64_t occurred_ms, int rank, std::int64_t updated_ms, int stored_rank) {
  return occurred_ms > updated_ms || (occurred_ms == updated_ms && rank > stored_rank);
}

v1::Order order_from_event(const CheckedEvent& c) {
  const v1::OrderEvent& e = c.event;
  v1::Order o;
  o.set_order_id(e.order_id());
  o.set_buyer_id(e.buyer_id());
  o.set_state(e.state());
  o.set_updated_at_ms(c.occurred_ms);
  o.set_amount_fen(e.amount_fen());
  if (e.state() == v1::PAID) o.set_paid_at_ms(c.occurred_ms);
  *o.mutable_items() = e.items();
  if (e.has_shipping()) *o.mutable_shipping() = e.shipping();
  o.set_after_sale_kind(e.after_sale_kind());
  if (e.has_contact()) *o.mutable_contact() = e.contact();
  return o;
}

OrderParts split_order(const v1::Order& order) {
  OrderParts parts;
  v1::Order core = order;
  core.clear_items();
  core.clear_shipping();
  core.clear_contact();
  parts.core = core.SerializeAsString();
  if (order.items_size() > 0) {
    v1::Order only;
    *only.mutable_items() = order.items();
    parts.items = only.SerializeAsString();
  }
  if (order.has_shipping()) {
    v1::Order only;
    *only.mutable_shipping() = order.shipping();
    parts.shipping = only.SerializeAsString();
  }
  if (order.has_contact()) {
    v1::Order only;
    *only.mutable_contact() = order.contact();
    parts.contact = only.SerializeAsString();
  }
  return parts;
}

std::optional<v1::Order> join_order(std::string_view core, std::string_view items,
                                    std::string_view shipping, std::string_view contact) {
  v1::Order order;
  if (!order.ParseFromArray(core.data(), static_cast<int>(core.size()))) return std::nullopt;
  // Each part sets fields the core lacks, so merging them is a plain union.
  for (std::string_view part : {items, shipping, contact}) {
    v1::Order only;
    if (!only.ParseFromArray(part.data(), static_cast<int>(part.size()))) return std::nullopt;
    order.MergeFrom(only);
  }
  return order;
}

}  // namespace kefu::orders
