#pragma once
// R-SUP-1: the supervisors' live view of a shop, computed from its state: each group's queue
// (length, longest wait, left messages, in progress, agents online, the longest waits), each
// agent's presence, shift, load and the buyers waiting longest on them, and the alerts.
#include <cstddef>

#include "kefu/v1/frames.pb.h"
#include "supervision/dashboard_state.h"

namespace kefu::supervision {

inline constexpr std::size_t kGroupWaitingShown = 20;
inline constexpr std::size_t kAgentWaitingShown = 5;

// Without samples and as_of_ms' caller-side extras: the update as of state.now_ms.
v1::DashboardUpdate build_dashboard(const DashboardState& state);

// Two updates show the same thing: equal apart from as_of_ms and the samples (so a push goes
// out only when something a supervisor sees changed).
bool same_view(const v1::DashboardUpdate& a, const v1::DashboardUpdate& b);

}  // namespace kefu::supervision
