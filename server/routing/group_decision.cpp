#include "routing/group_decision.h"

#include <algorithm>

namespace kefu::routing {

std::string_view order_basis_name(OrderBasis b) {
  switch (b) {
    case OrderBasis::kOpenedFromOrder:
      return "opened_from_order";
    case OrderBasis::kMostRecentOrder:
      return "most_recent_order";
    case OrderBasis::kNoOrder:
      return "no_order";
  }
  return "no_order";
}

GroupDecision decide_group(const GroupBinding& binding, std::span<const std::string> groups,
                           const std::optional<std::string>& opened_from,
                           std::span<const OrderSnapshot> orders) {
  const OrderSnapshot* deciding = nullptr;
  OrderBasis basis = OrderBasis::kNoOrder;
  if (opened_from) {
    auto it = std::find_if(orders.begin(), orders.end(),
                           [&](const OrderSnapshot& o) { return o.id == *opened_from; });
    if (it != orders.end()) {
      deciding = &*it;
      basis = OrderBasis::kOpenedFromOrder;
    }
  }
  if (!deciding && !orders.empty()) {
    // Latest update wins; equal times fall to the larger id so the choice is stable.
    deciding = &*std::max_element(orders.begin(), orders.end(), [](auto& a, auto& b) {
      return a.updated_at != b.updated_at ? a.updated_at < b.updated_at : a.id < b.id;
    });
    basis = OrderBasis::kMostRecentOrder;
  }
  GroupDecision d;
  d.basis = basis;
  if (deciding) {
    d.order_id = deciding->id;
    d.state = deciding->state;
  }
  d.group = group_for(binding, d.state, groups, &d.used_default_group);
  return d;
}

}  // namespace kefu::routing
