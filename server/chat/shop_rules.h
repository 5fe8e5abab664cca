#pragma once
// A shop's routing rules and schedule as the pure routing code wants them (DOMAIN.md §2, §3),
// built once from the config: the policy, the schedule (zone, shifts, rota, leave), the
// group ids and the fixed part of every agent (groups, level, role, own capacity).
#include <memory>
#include <string>
#include <vector>

#include "kefu/v1/config.pb.h"
#include "routing/agent_snapshot.h"
#include "routing/policy.h"
#include "shifts/schedule.h"

namespace kefu::chat {

struct ShopRules {
  routing::RoutingPolicy policy;
  shifts::ShopSchedule schedule;
  std::vector<std::string> group_ids;
  std::vector<routing::AgentSnapshot> agents;  // presence, load and times left unset
  std::vector<std::string> agent_ids;          // of `agents`, in their order
};

// Builds the rules of `shop` (defaults filled); appends what is wrong to `problems`, each
// prefixed with the shop's id. `zone`, when given, is the shop's time zone already loaded (a
// rebuild at runtime reads no file on an I/O thread).
ShopRules build_shop_rules(const v1::Shop& shop, std::vector<std::string>& problems,
                           std::shared_ptr<const shifts::TimeZone> zone = nullptr);

}  // namespace kefu::chat
