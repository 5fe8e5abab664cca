#include "routing/presence.h"

namespace kefu::routing {

Liveness liveness(const AgentSnapshot& a, const LivenessPolicy& p, TimePoint now) {
  if (!a.last_heartbeat || now - *a.last_heartbeat > p.heartbeat_timeout) {
    return Liveness::kConnectionLost;
  }
  if (!a.last_activity || now - *a.last_activity > p.idle_timeout) return Liveness::kIdleTooLong;
  return Liveness::kAlive;
}

bool away_too_long(const AgentSnapshot& a, const LivenessPolicy& p, TimePoint now) {
  return a.presence == Presence::kAway && a.away_since && now - *a.away_since > p.meal_break_limit;
}

}  // namespace kefu::routing
