#pragma once
// R-SHIFT-4 (presence): online / away / offline as set by the agent, plus what the server
// detects: a dead connection (no heartbeat) and an idle agent (no activity) are not routed to.
#include <chrono>

#include "core/clock.h"
#include "routing/agent_snapshot.h"

namespace kefu::routing {

struct LivenessPolicy {
  Millis heartbeat_timeout = std::chrono::seconds{45};  // a few missed 15 s heartbeats
  Millis idle_timeout = std::chrono::minutes{15};       // 严禁空挂旺旺 [000]
  Millis meal_break_limit = std::chrono::minutes{35};   // [002]
  // Issue 9: how long a gone agent keeps their conversations before they return to the group.
  Millis orphan_grace = std::chrono::minutes{3};
};

enum class Liveness {
  kAlive,
  kConnectionLost,  // no heartbeat within heartbeat_timeout (or never)
  kIdleTooLong,     // connected, but no activity within idle_timeout
};

Liveness liveness(const AgentSnapshot& a, const LivenessPolicy& p, TimePoint now);

// Away longer than the meal-break limit: flagged to supervisors (R-SUP-1), not an error.
bool away_too_long(const AgentSnapshot& a, const LivenessPolicy& p, TimePoint now);

}  // namespace kefu::routing
