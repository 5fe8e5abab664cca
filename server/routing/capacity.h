#pragma once
// R-ROUTE-7 / R-ROLE-3: concurrent conversations per agent. Default 8; a trainee 4; a shop may
// set a number per level and per agent.
#include <map>

#include "routing/agent_snapshot.h"

namespace kefu::routing {

struct CapacityPolicy {
  int default_capacity = 8;
  std::map<AgentLevel, int> per_level{{AgentLevel::kTrainee, 4}};
};

// The agent's own number if set, else their level's, else the shop default.
int capacity_of(const AgentSnapshot& a, const CapacityPolicy& p);

}  // namespace kefu::routing
