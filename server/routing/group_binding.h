#pragma once
// R-ROUTE-1, R-ROUTE-2: the order's state decides the group. Until an order is shipped the buyer
// belongs to pre-sale, afterwards to after-sale. A shop may bind each state to any of its
// groups; a state bound to no (existing) group goes to the shop's default group.
#include <map>
#include <span>
#include <string>

#include "routing/order_state.h"

namespace kefu::routing {

inline constexpr std::string_view kPreSaleGroup = "presale";
inline constexpr std::string_view kAfterSaleGroup = "aftersale";

struct GroupBinding {
  std::map<OrderState, std::string> group_of_state;
  std::string default_group{kPreSaleGroup};
};

// DOMAIN.md's table: none, created, paid, closed → presale; shipped, delivered, completed,
// after_sale → aftersale.
GroupBinding default_binding();

// The group for `state` among the shop's `groups`: its binding when that group exists, else the
// default group. `used_default` (optional) says which.
std::string group_for(const GroupBinding& b, OrderState state, std::span<const std::string> groups,
                      bool* used_default = nullptr);

}  // namespace kefu::routing
