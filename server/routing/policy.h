#pragma once
// A shop's routing settings, every number configurable per shop (DOMAIN.md: defaults are
// Kefu's choice where the seeds are silent).
#include <chrono>

#include "core/clock.h"
#include "routing/capacity.h"
#include "routing/group_binding.h"
#include "routing/presence.h"

namespace kefu::routing {

// R-ROUTE-6: least loaded (default) or round-robin.
enum class Strategy { kLeastLoaded, kRoundRobin };

// R-ROUTE-8: what makes a queue entry urgent. Higher is served first; equal is FIFO.
struct PriorityPolicy {
  int complaint = 3;  // serious bad reviews, complaints [002]
  int vip = 2;
  int new_customer = 1;  // 新客户…需要快速地响应 [004]
  int normal = 0;
};

struct RoutingPolicy {
  GroupBinding binding = default_binding();               // R-ROUTE-2
  CapacityPolicy capacity;                                // R-ROUTE-7, R-ROLE-3
  LivenessPolicy liveness;                                // R-SHIFT-4
  Strategy strategy = Strategy::kLeastLoaded;             // R-ROUTE-6
  Millis sticky_window = std::chrono::hours{24};          // R-ROUTE-5
  PriorityPolicy priority;                                // R-ROUTE-8
  Millis auto_end_silence = std::chrono::minutes{10};     // R-ROUTE-11
  Millis same_session_window = std::chrono::minutes{10};  // R-ROUTE-12
  bool transfer_note_required = true;                     // R-ROUTE-10 "with a note"
};

}  // namespace kefu::routing
