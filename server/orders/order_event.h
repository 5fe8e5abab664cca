#pragma once
// Platform order events (R-ORDER-1), checked before anything is stored: every field a platform
// can get wrong is named in the error, with the event's place in the batch. And the rule that
// keeps orders from going back in time: a later event (by the platform's clock) wins; an older
// one, arriving late, changes nothing.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kefu/v1/orders.pb.h"

namespace kefu::orders {

inline constexpr std::size_t kMaxBatch = 1000;

struct EventError {
  std::string field;    // "events[2].occurredAt"
  std::string message;  // what is wrong with it
};

// A checked event: occurred_at as Unix milliseconds.
struct CheckedEvent {
  v1::OrderEvent event;
  std::int64_t occurred_ms = 0;
};

// All events fine → the checked events; else the first problem (nothing is to be stored).
std::optional<EventError> check_batch(const v1::OrderEventBatch& batch,
                                      std::vector<CheckedEvent>& out);

// The order of states at the same instant: a payment and a shipment stamped with the same
// second are taken as paid, then shipped.
int state_rank(v1::OrderState s);

// Whether an event at (occurred_ms, rank) replaces an order last set at (updated_ms, rank).
bool supersedes(std::int64_t occurred_ms, int rank, std::int64_t updated_ms, int stored_rank);

// The stored view of an order after `e` set its state.
v1::Order order_from_event(const CheckedEvent& e);

// An order kept in parts, so an event that leaves out the items, the shipping or the contact
// does not erase what an earlier event said (each part is a kefu.v1.Order with only that set).
struct OrderParts {
  std::string core;                      // everything but the three below
  std::string items, shipping, contact;  // "" when the order has none
};
OrderParts split_order(const v1::Order& order);
// The order back from its parts; nullopt when a part is not a kefu.v1.Order.
std::optional<v1::Order> join_order(std::string_view core, std::string_view items,
                                    std::string_view shipping, std::string_view contact);

}  // namespace kefu::orders
