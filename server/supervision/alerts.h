#pragma once
// R-SUP-1: what stands out on the dashboard. A buyer waiting past the shop's threshold (in a
// queue or on an agent), an overdue follow-up (R-MSG-4), an agent online but idle past the
// shop's idle limit (R-SHIFT-4). Longest-standing first.
#include <vector>

#include "kefu/v1/frames.pb.h"
#include "supervision/dashboard_state.h"

namespace kefu::supervision {

std::vector<v1::DashboardAlert> dashboard_alerts(const DashboardState& state);

// Online with nothing to do (no conversation) since: the later of the last activity and the
// last assignment (the heartbeat when neither is known); 0 when busy or not online.
std::int64_t idle_since_ms(const routing::AgentSnapshot& agent);

}  // namespace kefu::supervision
