#include "routing/capacity.h"

namespace kefu::routing {

int capacity_of(const AgentSnapshot& a, const CapacityPolicy& p) {
  if (a.capacity > 0) return a.capacity;
  auto it = p.per_level.find(a.level);
  if (it != p.per_level.end() && it->second > 0) return it->second;
  return p.default_capacity;
}

}  // namespace kefu::routing
