// R-ROUTE-1…3: the order's state decides the group; which order decides.
#include <gtest/gtest.h>

#include "routing/group_decision.h"
#include "shop_fixture.h"

namespace kefu::routing {
namespace {

using testing::sh;
const std::vector<std::string> kGroups{"presale", "aftersale"};

GroupDecision group_of(OrderState s) {
  std::vector<OrderSnapshot> orders{{"o1", s, sh(2024, 5, 1, 9, 0)}};
  return decide_group(default_binding(), kGroups, std::nullopt, orders);
}

TEST(Routing, R_ROUTE_1_ShippedIsTheBoundaryBetweenPreAndAfterSale) {
  EXPECT_EQ(group_of(OrderState::kPaidNotShipped).group, "presale");
  EXPECT_EQ(group_of(OrderState::kShipped).group, "aftersale");
}

TEST(Routing, R_ROUTE_2_DefaultTableAndShopBindings) {
  EXPECT_EQ(group_of(OrderState::kCreatedUnpaid).group, "presale");
  EXPECT_EQ(group_of(OrderState::kPaidNotShipped).group, "presale");
  EXPECT_EQ(group_of(OrderState::kClosed).group, "presale");
  EXPECT_EQ(group_of(OrderState::kShipped).group, "aftersale");
  EXPECT_EQ(group_of(OrderState::kDelivered).group, "aftersale");
  EXPECT_EQ(group_of(OrderState::kCompleted).group, "aftersale");
  EXPECT_EQ(group_of(OrderState::kAfterSaleInProgress).group, "aftersale");

  // A shop binds after-sale disputes to its complaint desk; a state bound to a group the shop
  // does not have (or to none) goes to the default group.
  GroupBinding b = default_binding();
  b.group_of_state[OrderState::kAfterSaleInProgress] = "complaints";
  b.group_of_state[OrderState::kCompleted] = "vanished";
  b.group_of_state.erase(OrderState::kDelivered);
  std::vector<std::string> groups{"presale", "aftersale", "complaints"};
  auto one = [&](OrderState s) {
    std::vector<OrderSnapshot> orders{{"o", s, sh(2024, 5, 1, 9, 0)}};
    return decide_group(b, groups, std::nullopt, orders);
  };
  EXPECT_EQ(one(OrderState::kAfterSaleInProgress).group, "complaints");
  EXPECT_FALSE(one(OrderState::kAfterSaleInProgress).used_default_group);
  EXPECT_EQ(one(OrderState::kCompleted).group, "presale");
  EXPECT_TRUE(one(OrderState::kCompleted).used_default_group);
  EXPECT_EQ(one(OrderState::kDelivered).group, "presale");

  for (OrderState s : kAllOrderStates) EXPECT_EQ(parse_order_state(order_state_name(s)), s);
  EXPECT_FALSE(parse_order_state("teleported"));
}

TEST(Routing, R_ROUTE_3_OpenedOrderElseMostRecentElsePreSale) {
  std::vector<OrderSnapshot> orders{
      {"old-shipped", OrderState::kShipped, sh(2024, 5, 1, 9, 0)},
      {"new-paid", OrderState::kPaidNotShipped, sh(2024, 5, 3, 9, 0)},
  };
  // Opened from the shipped order: it decides, though another order is newer.
  auto opened = decide_group(default_binding(), kGroups, std::string("old-shipped"), orders);
  EXPECT_EQ(opened.group, "aftersale");
  EXPECT_EQ(opened.basis, OrderBasis::kOpenedFromOrder);
  EXPECT_EQ(opened.order_id, "old-shipped");
  // Not opened from an order: the most recently updated decides.
  auto recent = decide_group(default_binding(), kGroups, std::nullopt, orders);
  EXPECT_EQ(recent.group, "presale");
  EXPECT_EQ(recent.basis, OrderBasis::kMostRecentOrder);
  EXPECT_EQ(recent.order_id, "new-paid");
  // An unknown opened-from order (its events not in yet) falls back to the most recent.
  auto unknown = decide_group(default_binding(), kGroups, std::string("nope"), orders);
  EXPECT_EQ(unknown.basis, OrderBasis::kMostRecentOrder);
  // No order at all: pre-sale.
  auto none = decide_group(default_binding(), kGroups, std::nullopt, {});
  EXPECT_EQ(none.group, "presale");
  EXPECT_EQ(none.basis, OrderBasis::kNoOrder);
  EXPECT_EQ(none.state, OrderState::kNone);
}

}  // namespace
}  // namespace kefu::routing
