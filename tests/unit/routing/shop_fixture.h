#pragma once
// A Shanghai shop with 售前/售后 groups and the 24-hour shift preset; agents are built online,
// connected and active at the test's instant unless a test changes that.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "routing/router.h"
#include "shifts/presets.h"
#include "shifts/schedule.h"
#include "shifts/time_zone.h"

namespace kefu::routing::testing {

inline std::shared_ptr<const shifts::TimeZone> shanghai() {
  static auto zone = shifts::TimeZone::load("Asia/Shanghai");
  return zone;
}

inline shifts::LocalDate date(int y, unsigned m, unsigned d) {
  return shifts::LocalDate{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

// y-m-d hh:mm in Asia/Shanghai.
inline TimePoint sh(int y, unsigned m, unsigned d, int hh, int mm, int ss = 0) {
  return shanghai()->to_instant(
             shifts::at(date(y, m, d), std::chrono::hours{hh} + std::chrono::minutes{mm})) +
         std::chrono::seconds{ss};
}

struct Shop {
  RoutingPolicy policy;
  shifts::ShopSchedule schedule;
  std::vector<AgentSnapshot> agents;
  std::vector<std::string> groups{"presale", "aftersale"};
  std::map<std::string, std::string, std::less<>> cursors;

  Shop() {
    schedule.zone = shanghai();
    schedule.add_shifts(shifts::default_preset().shifts);
  }

  ShopView view() const { return ShopView{policy, schedule, agents, groups, cursors}; }

  // An agent of `group`, online and active at `now`, rostered on `shift` every day.
  AgentSnapshot& add(const std::string& id, const std::string& group, TimePoint now,
                     const std::string& shift = "early", int load = 0) {
    AgentSnapshot a;
    a.id = id;
    a.groups = {group};
    a.presence = Presence::kOnline;
    a.last_heartbeat = now;
    a.last_activity = now;
    a.active_conversations = load;
    agents.push_back(a);
    schedule.rota.set_standing(id, {shift});
    return agents.back();
  }
  AgentSnapshot& get(const std::string& id) {
    for (auto& a : agents) {
      if (a.id == id) return a;
    }
    throw std::runtime_error("no agent " + id);
  }
};

inline std::vector<std::string> ids(const std::vector<Candidate>& c) {
  std::vector<std::string> out;
  for (const auto& x : c) out.push_back(x.agent_id);
  return out;
}

inline RouteRequest request(const std::string& conversation_id) {
  RouteRequest r;
  r.conversation_id = conversation_id;
  return r;
}

}  // namespace kefu::routing::testing
