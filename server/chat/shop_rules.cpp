#include "chat/shop_rules.h"

#include "shifts/presets.h"

namespace kefu::chat {

namespace {

using std::chrono::minutes;
using std::chrono::seconds;

routing::RoutingPolicy build_policy(const v1::Shop& shop, const std::string& where,
                                    std::vector<std::string>& problems) {
  routing::RoutingPolicy p;
  const v1::RoutingConfig& r = shop.routing();
  p.binding.default_group = shop.default_group();
  for (const auto& [state_name, group] : r.bindings()) {
    auto state = routing::parse_order_state(state_name);
    if (!state) {
      problems.push_back(where + "routing.bindings: unknown order state '" + state_name + "'");
      continue;
    }
    p.binding.group_of_state[*state] = group;
  }
  if (r.strategy() == "round_robin")
    p.strategy = routing::Strategy::kRoundRobin;
  else if (!r.strategy().empty() && r.strategy() != "least_loaded")
    problems.push_back(where + "routing.strategy must be least_loaded or round_robin");
  if (r.sticky_window_minutes()) p.sticky_window = minutes{r.sticky_window_minutes()};
  p.capacity.default_capacity = static_cast<int>(shop.default_capacity());
  for (const auto& [level_name, cap] : r.capacity_per_level()) {
    auto level = routing::parse_level(level_name);
    if (!level) {
      problems.push_back(where + "routing.capacity_per_level: unknown level '" + level_name + "'");
      continue;
    }
    p.capacity.per_level[*level] = static_cast<int>(cap);
  }
  if (r.heartbeat_timeout_seconds())
    p.liveness.heartbeat_timeout = seconds{r.heartbeat_timeout_seconds()};
  if (r.idle_timeout_seconds()) p.liveness.idle_timeout = seconds{r.idle_timeout_seconds()};
  if (r.auto_end_silence_seconds()) p.auto_end_silence = seconds{r.auto_end_silence_seconds()};
  if (r.same_session_seconds()) p.same_session_window = seconds{r.same_session_seconds()};
  return p;
}

std::vector<shifts::ShiftDefinition> shift_definitions(const v1::Shop& shop,
                                                       const std::string& where,
                                                       std::vector<std::string>& problems) {
  std::vector<shifts::ShiftDefinition> defs;
  for (const auto& s : shop.shifts()) {
    auto def = shifts::make_shift(s.id(), s.name().empty() ? s.id() : s.name(), s.start(), s.end());
    if (!def)
      problems.push_back(where + "shift '" + s.id() + "' needs start and end as HH:MM");
    else
      defs.push_back(*def);
  }
  if (!shop.shifts().empty()) return defs;
  auto preset = shop.shift_preset().empty() ? std::optional{shifts::default_preset()}
                                            : shifts::find_preset(shop.shift_preset());
  if (!preset) {
    problems.push_back(where + "unknown shift_preset '" + shop.shift_preset() + "'");
    return defs;
  }
  return preset->shifts;
}

// A shop that keeps no rota at all has its agents on shift around the clock (documented in
// config.proto): small shops answer whenever someone is online.
bool keeps_rota(const v1::Shop& shop) {
  if (!shop.rota().empty()) return true;
  for (const auto& a : shop.agents())
    if (!a.standing_shifts().empty()) return true;
  return false;
}

}  // namespace

ShopRules build_shop_rules(const v1::Shop& shop, std::vector<std::string>& problems,
                           std::shared_ptr<const shifts::TimeZone> zone) {
  const std::string where = "shop '" + shop.id() + "': ";
  ShopRules rules;
  rules.policy = build_policy(shop, where, problems);
  for (const auto& g : shop.groups()) rules.group_ids.push_back(g.id());

  auto& schedule = rules.schedule;
  schedule.zone = zone ? std::move(zone) : shifts::TimeZone::load(shop.time_zone());
  if (!schedule.zone) {
    problems.push_back(where + "time_zone '" + shop.time_zone() +
                       "' is not in the system's tz database");
    schedule.zone = shifts::TimeZone::fixed("UTC", seconds{0});
  }
  schedule.add_shifts(shift_definitions(shop, where, problems));
  const bool rota_kept = keeps_rota(shop);
  if (!rota_kept) schedule.add_shifts(shifts::find_preset("all_day")->shifts);

  for (const auto& a : shop.agents()) {
    routing::AgentSnapshot snap;
    snap.id = a.id();
    snap.groups = {a.group()};
    if (!a.level().empty()) {
      auto level = routing::parse_level(a.level());
      if (!level)
        problems.push_back(where + "agent '" + a.id() + "': unknown level '" + a.level() + "'");
      else
        snap.level = *level;
    }
    snap.role = a.supervisor() ? routing::Role::kSupervisor : routing::Role::kAgent;
    snap.capacity = static_cast<int>(a.capacity());
    rules.agent_ids.push_back(snap.id);
    rules.agents.push_back(std::move(snap));
    if (!rota_kept) {
      schedule.rota.set_standing(a.id(), {"all_day"});
    } else if (!a.standing_shifts().empty()) {
      schedule.rota.set_standing(a.id(), {a.standing_shifts().begin(), a.standing_shifts().end()});
    }
  }
  for (const auto& e : shop.rota()) {
    auto date = shifts::parse_date(e.date());
    if (!date) {
      problems.push_back(where + "rota entry of '" + e.agent_id() + "': date must be YYYY-MM-DD");
      continue;
    }
    schedule.rota.assign(e.agent_id(), *date, {e.shifts().begin(), e.shifts().end()});
  }
  for (const auto& l : shop.leave()) {
    auto first = shifts::parse_date(l.first_date()), last = shifts::parse_date(l.last_date());
    if (!first || !last || *last < *first) {
      problems.push_back(where + "leave of '" + l.agent_id() +
                         "': first_date and last_date must be YYYY-MM-DD, in order");
      continue;
    }
    schedule.rota.add_leave(shifts::leave_for_days(l.agent_id(), *first, *last, *schedule.zone));
  }
  for (auto& p : schedule.problems()) problems.push_back(where + p);
  return rules;
}

}  // namespace kefu::chat
