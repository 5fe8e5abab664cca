#pragma once
// A read-only snapshot of one shop, as the I/O layer assembles it before a decision.
#include <map>
#include <span>
#include <string>

#include "routing/agent_snapshot.h"
#include "routing/policy.h"
#include "shifts/schedule.h"

namespace kefu::routing {

struct ShopView {
  const RoutingPolicy& policy;
  const shifts::ShopSchedule& schedule;
  std::span<const AgentSnapshot> agents;  // every account of the shop, supervisors included
  std::span<const std::string> groups;    // the shop's group ids
  // Round-robin cursor per group: the agent the last round-robin pick went to (R-ROUTE-6).
  std::map<std::string, std::string, std::less<>> round_robin_cursors = {};

  const AgentSnapshot* agent(std::string_view id) const;
  bool has_group(std::string_view id) const;
  std::string cursor_of(std::string_view group) const;
};

}  // namespace kefu::routing
