#pragma once
// A shop's live state for dashboard tests, built a piece at a time at a fixed instant.
#include <string>

#include "supervision/dashboard_state.h"

namespace kefu::supervision::test {

inline constexpr std::int64_t kNow = 1'790'000'000'000;  // the injected "now"

inline DashboardState shop_state() {
  DashboardState s;
  s.now_ms = kNow;
  s.groups = {GroupState{"presale", "售前", 0, {}}, GroupState{"aftersale", "售后", 0, {}}};
  return s;
}

inline void queue(DashboardState& s, std::size_t group, const std::string& conv,
                  std::int64_t since_ms, bool left = false) {
  s.groups[group].queued.push_back({conv, "buyer-" + conv, since_ms, left});
  ++s.groups[group].queued_total;
}

inline AgentState& agent(DashboardState& s, const std::string& id, const std::string& group,
                         routing::Presence presence, int load = 0) {
  AgentState& a = s.agents.emplace_back();
  a.id = id;
  a.display_name = "Agent " + id;
  a.group = group;
  a.live.id = id;
  a.live.groups = {group};
  a.live.presence = presence;
  a.live.active_conversations = load;
  a.live.last_heartbeat = from_ms(s.now_ms - 1000);
  a.live.last_activity = from_ms(s.now_ms - 1000);
  a.capacity = 2;
  return a;
}

inline void on_agent(DashboardState& s, const std::string& conv, const std::string& agent_id,
                     const std::string& group, std::int64_t awaiting_since_ms) {
  s.active.push_back({conv, "buyer-" + conv, agent_id, group, awaiting_since_ms});
}

}  // namespace kefu::supervision::test
