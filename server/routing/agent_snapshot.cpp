#include "routing/agent_snapshot.h"

#include <algorithm>
#include <array>

namespace kefu::routing {

bool AgentSnapshot::in_group(std::string_view g) const {
  return std::find(groups.begin(), groups.end(), g) != groups.end();
}

namespace {
constexpr std::array<std::pair<AgentLevel, std::string_view>, 5> kLevels{{
    {AgentLevel::kTrainee, "trainee"},
    {AgentLevel::kJunior, "junior"},
    {AgentLevel::kIntermediate, "intermediate"},
    {AgentLevel::kSenior, "senior"},
    {AgentLevel::kReserveSupervisor, "reserve_supervisor"},
}};
}  // namespace

std::string_view level_name(AgentLevel l) {
  for (auto& [level, name] : kLevels) {
    if (level == l) return name;
  }
  return "junior";
}

std::optional<AgentLevel> parse_level(std::string_view name) {
  for (auto& [level, n] : kLevels) {
    if (n == name) return level;
  }
  return std::nullopt;
}

std::string_view presence_name(Presence p) {
  switch (p) {
    case Presence::kOnline:
      return "online";
    case Presence::kAway:
      return "away";
    case Presence::kOffline:
      return "offline";
  }
  return "offline";
}

std::optional<Presence> parse_presence(std::string_view name) {
  for (Presence p : {Presence::kOnline, Presence::kAway, Presence::kOffline}) {
    if (presence_name(p) == name) return p;
  }
  return std::nullopt;
}

}  // namespace kefu::routing
