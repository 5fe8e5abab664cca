#pragma once
// Order states a platform reports (R-ROUTE-2, R-ORDER-1), and their stable names as stored in
// Redis and written in the config ("shipped", "after_sale", ...).
#include <optional>
#include <string_view>

namespace kefu::routing {

enum class OrderState {
  kNone,                 // 无订单: the buyer has no order in this shop
  kCreatedUnpaid,        // 已拍下未付款
  kPaidNotShipped,       // 已付款未发货
  kShipped,              // 已发货 (in transit)
  kDelivered,            // 已签收 (still "shipped" for routing)
  kCompleted,            // 交易成功
  kAfterSaleInProgress,  // 售后中: refund, return, exchange, dispute
  kClosed,               // 交易关闭 (cancelled before payment)
};

inline constexpr OrderState kAllOrderStates[] = {OrderState::kNone,
                                                 OrderState::kCreatedUnpaid,
                                                 OrderState::kPaidNotShipped,
                                                 OrderState::kShipped,
                                                 OrderState::kDelivered,
                                                 OrderState::kCompleted,
                                                 OrderState::kAfterSaleInProgress,
                                                 OrderState::kClosed};

std::string_view order_state_name(OrderState s);  // "none", "created", "paid", "shipped", ...
std::optional<OrderState> parse_order_state(std::string_view name);

}  // namespace kefu::routing
