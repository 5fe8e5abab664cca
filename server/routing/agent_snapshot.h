#pragma once
// What routing needs to know about one agent account at the moment of a decision. The I/O
// layer reads it from Redis (presence, heartbeats, load) and the config (groups, level).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"

namespace kefu::routing {

// R-ROLE-3 levels: 新客服(试用) → 初级 → 中级 → 高级 → 储备主管.
enum class AgentLevel { kTrainee, kJunior, kIntermediate, kSenior, kReserveSupervisor };

// R-ROLE-1 roles.
enum class Role { kAgent, kGroupLeader, kSupervisor, kManager };

// R-SHIFT-4: set by the agent.
enum class Presence { kOnline, kAway, kOffline };

struct AgentSnapshot {
  std::string id;
  std::vector<std::string> groups;  // R-ROLE-2: an agent may serve more than one group
  AgentLevel level = AgentLevel::kJunior;
  Role role = Role::kAgent;
  int capacity = 0;  // explicit concurrent-chat limit; 0 = the default for the level
  Presence presence = Presence::kOffline;
  // Newest heartbeat over all the agent's connections (two tabs count as one agent).
  std::optional<TimePoint> last_heartbeat;
  // Last thing the agent did in the console (typed, clicked): the idle detector's input.
  std::optional<TimePoint> last_activity;
  std::optional<TimePoint> away_since;  // when presence became away (meal break length)
  int active_conversations = 0;
  // When the agent last received a conversation; nullopt = never (idle longest, R-ROUTE-6).
  std::optional<TimePoint> last_assigned_at;

  bool in_group(std::string_view g) const;
  bool supervises() const { return role == Role::kSupervisor || role == Role::kManager; }
};

std::string_view level_name(AgentLevel l);  // "trainee", "junior", ...
std::optional<AgentLevel> parse_level(std::string_view name);
std::string_view presence_name(Presence p);  // "online", "away", "offline"
std::optional<Presence> parse_presence(std::string_view name);

}  // namespace kefu::routing
