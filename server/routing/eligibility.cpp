#include "routing/eligibility.h"

namespace kefu::routing {

std::string_view ineligible_name(Ineligible i) {
  switch (i) {
    case Ineligible::kNone:
      return "eligible";
    case Ineligible::kNotInGroup:
      return "not_in_group";
    case Ineligible::kOnLeave:
      return "on_leave";
    case Ineligible::kOffShift:
      return "off_shift";
    case Ineligible::kAway:
      return "away";
    case Ineligible::kOffline:
      return "offline";
    case Ineligible::kConnectionLost:
      return "connection_lost";
    case Ineligible::kIdleTooLong:
      return "idle_too_long";
    case Ineligible::kAtCapacity:
      return "at_capacity";
  }
  return "eligible";
}

bool AgentVerdict::on_shift() const {
  return why != Ineligible::kNotInGroup && why != Ineligible::kOnLeave &&
         why != Ineligible::kOffShift;
}

namespace {

Ineligible first_reason(const AgentSnapshot& a, std::string_view group, const ShopView& shop,
                        TimePoint now, ShiftCheck shift_check, int load, int capacity) {
  if (!group.empty() && !a.in_group(group)) return Ineligible::kNotInGroup;
  if (shop.schedule.rota.leave_at(a.id, now)) return Ineligible::kOnLeave;
  if (shift_check == ShiftCheck::kRequired && !shop.on_shift(a.id, now)) {
    return Ineligible::kOffShift;
  }
  if (a.presence == Presence::kAway) return Ineligible::kAway;
  if (a.presence == Presence::kOffline) return Ineligible::kOffline;
  switch (liveness(a, shop.policy.liveness, now)) {
    case Liveness::kConnectionLost:
      return Ineligible::kConnectionLost;
    case Liveness::kIdleTooLong:
      return Ineligible::kIdleTooLong;
    case Liveness::kAlive:
      break;
  }
  if (load >= capacity) return Ineligible::kAtCapacity;
  return Ineligible::kNone;
}

}  // namespace

AgentVerdict judge_agent(const AgentSnapshot& a, std::string_view group, const ShopView& shop,
                         TimePoint now, ShiftCheck shift_check) {
  AgentVerdict v;
  v.agent_id = a.id;
  v.load = a.active_conversations;
  v.capacity = capacity_of(a, shop.policy.capacity);
  v.last_assigned_at = a.last_assigned_at;
  v.why = first_reason(a, group, shop, now, shift_check, v.load, v.capacity);
  return v;
}

std::vector<AgentVerdict> judge_group(const ShopView& shop, std::string_view group, TimePoint now) {
  std::vector<AgentVerdict> out;
  out.reserve(shop.agents.size());
  for (const auto& a : shop.agents) {
    // Members only, so judge_agent need not ask again (an empty group asks nothing).
    if (a.in_group(group)) out.push_back(judge_agent(a, {}, shop, now));
  }
  return out;
}

}  // namespace kefu::routing
