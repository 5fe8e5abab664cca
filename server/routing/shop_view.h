#pragma once
// A read-only snapshot of one shop, as the I/O layer assembles it before a decision.
#include <map>
#include <span>
#include <string>

#include "routing/agent_snapshot.h"
#include "routing/policy.h"
#include "shifts/on_shift_memo.h"
#include "shifts/schedule.h"

namespace kefu::routing {

struct ShopView {
  const RoutingPolicy& policy;
  const shifts::ShopSchedule& schedule;
  std::span<const AgentSnapshot> agents;  // every account of the shop, supervisors included
  std::span<const std::string> groups;    // the shop's group ids
  // Round-robin cursor per group: the agent the last round-robin pick went to (R-ROUTE-6).
  std::map<std::string, std::string, std::less<>> round_robin_cursors = {};
  // The worker's kept answers for `schedule` (its schedule() is this one), or null to work each
  // answer out (issue 8: every decision asks it of every agent of the group).
  shifts::OnShiftMemo* on_shift_memo = nullptr;

  const AgentSnapshot* agent(std::string_view id) const;
  bool has_group(std::string_view id) const;
  std::string cursor_of(std::string_view group) const;
  bool on_shift(std::string_view agent_id, TimePoint now) const;  // shifts::is_on_shift
};

}  // namespace kefu::routing
