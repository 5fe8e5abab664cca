#include "routing/order_state.h"

namespace kefu::routing {

std::string_view order_state_name(OrderState s) {
  switch (s) {
    case OrderState::kNone:
      return "none";
    case OrderState::kCreatedUnpaid:
      return "created";
    case OrderState::kPaidNotShipped:
      return "paid";
    case OrderState::kShipped:
      return "shipped";
    case OrderState::kDelivered:
      return "delivered";
    case OrderState::kCompleted:
      return "completed";
    case OrderState::kAfterSaleInProgress:
      return "after_sale";
    case OrderState::kClosed:
      return "closed";
  }
  return "none";
}

std::optional<OrderState> parse_order_state(std::string_view name) {
  for (OrderState s : kAllOrderStates) {
    if (order_state_name(s) == name) return s;
  }
  return std::nullopt;
}

}  // namespace kefu::routing
