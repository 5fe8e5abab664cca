#include "routing/group_binding.h"

#include <algorithm>

namespace kefu::routing {

GroupBinding default_binding() {
  GroupBinding b;
  const std::string pre{kPreSaleGroup}, after{kAfterSaleGroup};
  b.group_of_state = {
      {OrderState::kNone, pre},           {OrderState::kCreatedUnpaid, pre},
      {OrderState::kPaidNotShipped, pre}, {OrderState::kClosed, pre},
      {OrderState::kShipped, after},      {OrderState::kDelivered, after},
      {OrderState::kCompleted, after},    {OrderState::kAfterSaleInProgress, after},
  };
  return b;
}

std::string group_for(const GroupBinding& b, OrderState state, std::span<const std::string> groups,
                      bool* used_default) {
  auto it = b.group_of_state.find(state);
  bool bound = it != b.group_of_state.end() &&
               std::find(groups.begin(), groups.end(), it->second) != groups.end();
  if (used_default) *used_default = !bound;
  return bound ? it->second : b.default_group;
}

}  // namespace kefu::routing
