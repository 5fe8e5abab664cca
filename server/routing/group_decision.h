#pragma once
// R-ROUTE-3 (which order): the order the chat was opened from decides; otherwise the buyer's most
// recently updated order in the shop; no order → the "none" binding (pre-sale).
#include <optional>
#include <span>
#include <string>

#include "core/clock.h"
#include "routing/group_binding.h"
#include "routing/order_state.h"

namespace kefu::routing {

struct OrderSnapshot {
  std::string id;
  OrderState state = OrderState::kNone;
  TimePoint updated_at;
};

enum class OrderBasis {
  kOpenedFromOrder,  // the chat was opened from this order
  kMostRecentOrder,  // the buyer's most recently updated order
  kNoOrder,
};
std::string_view order_basis_name(OrderBasis b);  // "opened_from_order", ...

struct GroupDecision {
  std::string group;
  OrderBasis basis = OrderBasis::kNoOrder;
  std::string order_id;  // empty for kNoOrder
  OrderState state = OrderState::kNone;
  bool used_default_group = false;  // the state's binding named no existing group
  friend bool operator==(const GroupDecision&, const GroupDecision&) = default;
};

// `opened_from` that is not among `orders` (its events not in yet) is ignored.
GroupDecision decide_group(const GroupBinding& binding, std::span<const std::string> groups,
                           const std::optional<std::string>& opened_from,
                           std::span<const OrderSnapshot> orders);

}  // namespace kefu::routing
