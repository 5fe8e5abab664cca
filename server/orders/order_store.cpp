#include "orders/order_store.h"

#include <array>

#include "chat/store_replies.h"
#include "core/keys.h"

namespace kefu::orders {

namespace lua {
extern const std::string_view apply_order_events;
extern const std::string_view serving;
}  // namespace lua

namespace {

using redis::Reply;

const redis::Script& serving_script() {
  static const redis::Script script{std::string{lua::serving}};
  return script;
}

const redis::Script& apply_script() {
  static const redis::Script script{std::string{lua::apply_order_events}};
  return script;
}

}  // namespace

void OrderStore::apply(const std::string& shop_id, const std::vector<CheckedEvent>& events,
                       std::function<void(ApplyResult)> done) {
  const std::array<std::string, 2> k{keys::order_events_seen(shop_id), keys::kpi_facts(shop_id)};
  const std::array<std::string_view, 2> kv{k[0], k[1]};
  const std::string prefix = chat::prefix_of(shop_id), now = std::to_string(clock_.now_ms());
  constexpr std::size_t kOwned = 8;  // the values per event that args points into
  std::vector<std::string> values;
  values.reserve(events.size() * kOwned);
  for (const auto& e : events) {
    const OrderParts parts = split_order(order_from_event(e));
    values.push_back(v1::OrderState_Name(e.event.state()));
    values.push_back(std::to_string(e.occurred_ms));
    values.push_back(std::to_string(state_rank(e.event.state())));
    values.push_back(std::to_string(e.event.amount_fen()));
    values.push_back(parts.core);
    values.push_back(parts.items);
    values.push_back(parts.shipping);
    values.push_back(parts.contact);
  }
  std::vector<std::string_view> args{prefix, now};
  for (std::size_t i = 0; i < events.size(); ++i) {
    args.push_back(events[i].event.event_id());
    args.push_back(events[i].event.order_id());
    args.push_back(events[i].event.buyer_id());
    for (std::size_t j = 0; j < kOwned; ++j) args.push_back(values[i * kOwned + j]);
  }
  apply_script().call(redis_, kv, args, [done = std::move(done)](const Reply& r) {
    ApplyResult out;
    if (r.is_error() || r.elements.size() != 3) {
      out.error = r.is_error() ? chat::error_of(r) : chat::StoreError::Internal;
      return done(std::move(out));
    }
    out.stored = static_cast<int>(chat::int_at(r, 0));
    out.duplicates = static_cast<int>(chat::int_at(r, 1));
    for (const Reply& c : r.elements[2].elements)
      out.changed.push_back(
          ChangedOrder{std::string{chat::str_at(c, 0)}, std::string{chat::str_at(c, 1)},
                       std::string{chat::str_at(c, 3)}, std::string{chat::str_at(c, 4)}});
    done(std::move(out));
  });
}

namespace {

// The fields read for one order, in this order.
constexpr std::array<std::string_view, 7> kOrderFields{
    "core", "items", "shipping", "contact", "state", "updated_at_ms", "paid_at_ms"};

// The stored order from its parts, with the hash's authoritative fields (state, time, first
// payment).
std::optional<v1::Order> order_of(const Reply& f) {
  if (f.elements.size() != kOrderFields.size() || f.elements[0].is_nil()) return std::nullopt;
  std::array<std::string_view, 4> parts{};
  for (std::size_t i = 0; i < parts.size(); ++i)
    if (!f.elements[i].is_nil()) parts[i] = f.elements[i].str;
  auto o = join_order(parts[0], parts[1], parts[2], parts[3]);
  if (!o) return std::nullopt;
  v1::OrderState state;
  if (v1::OrderState_Parse(f.elements[4].str, &state)) o->set_state(state);
  o->set_updated_at_ms(chat::int_at(f, 5));
  o->set_paid_at_ms(chat::int_at(f, 6));
  return o;
}

// HMGET of kOrderFields; `key` must outlive the call.
std::vector<std::string_view> hmget_order(std::string_view key) {
  std::vector<std::string_view> cmd{"HMGET", key};
  cmd.insert(cmd.end(), kOrderFields.begin(), kOrderFields.end());
  return cmd;
}

}  // namespace

void OrderStore::order(const std::string& shop_id, const std::string& order_id,
                       std::function<void(chat::StoreError, std::optional<v1::Order>)> done) {
  const std::string key = keys::order(shop_id, order_id);
  redis_.command(hmget_order(key), [done = std::move(done)](const Reply& r) {
    if (r.is_error()) return done(chat::error_of(r), std::nullopt);
    done(chat::StoreError::None, order_of(r));
  });
}

void OrderStore::buyer_orders(const std::string& shop_id, const std::string& buyer_id,
                              std::size_t limit,
                              std::function<void(chat::StoreError, std::vector<v1::Order>)> done) {
  const std::string key = keys::buyer_orders(shop_id, buyer_id),
                    last = std::to_string(limit == 0 ? 0 : limit - 1);
  redis_.command({"ZREVRANGE", key, "0", last}, [this, shop_id,
                                                 done = std::move(done)](const Reply& ids) mutable {
    if (ids.is_error()) return done(chat::error_of(ids), {});
    if (ids.elements.empty()) return done(chat::StoreError::None, {});
    // One pipelined HMGET per order; the replies come back in order.
    auto orders = std::make_shared<std::vector<std::optional<v1::Order>>>(ids.elements.size());
    auto left = std::make_shared<std::size_t>(ids.elements.size());
    auto shared_done = std::make_shared<decltype(done)>(std::move(done));
    for (std::size_t i = 0; i < ids.elements.size(); ++i) {
      const std::string key = keys::order(shop_id, ids.elements[i].str);
      redis_.command(hmget_order(key), [orders, left, i, shared_done](const Reply& r) {
        if (!r.is_error()) (*orders)[i] = order_of(r);
        if (--*left > 0) return;
        std::vector<v1::Order> out;
        for (auto& o : *orders)
          if (o) out.push_back(std::move(*o));
        (*shared_done)(chat::StoreError::None, std::move(out));
      });
    }
  });
}

void OrderStore::serving(const std::string& shop_id, BuyerBy by, const std::string& id,
                         std::function<void(chat::StoreError, Serving)> done) {
  const std::string prefix = chat::prefix_of(shop_id);
  const std::string key = by == BuyerBy::Conversation ? keys::conversation(shop_id, id)
                          : by == BuyerBy::Order      ? keys::order(shop_id, id)
                                                 : keys::buyer_active_conversation(shop_id, id);
  const std::string_view kind = by == BuyerBy::Conversation ? "conv"
                                : by == BuyerBy::Order      ? "order"
                                                            : "buyer";
  const std::array<std::string_view, 1> k{key};  // names the shop's slot
  const std::array<std::string_view, 3> a{prefix, kind, id};
  serving_script().call(redis_, k, a, [done = std::move(done)](const Reply& r) {
    if (r.is_error() || r.elements.size() != 3)
      return done(r.is_error() ? chat::error_of(r) : chat::StoreError::Internal, {});
    done(chat::StoreError::None,
         Serving{std::string{chat::str_at(r, 0)}, std::string{chat::str_at(r, 1)},
                 std::string{chat::str_at(r, 2)}});
  });
}

}  // namespace kefu::orders
