#include "shifts/schedule.h"

#include <algorithm>

namespace kefu::shifts {

namespace {

// Removes the agent's approved leave from an interval; what is left, in order.
std::vector<Interval> minus_leave(const Rota& rota, std::string_view agent, Interval in) {
  std::vector<Interval> parts{in};
  for (const auto& leave : rota.leaves()) {
    if (leave.status != LeaveStatus::kApproved || leave.agent_id != agent) continue;
    std::vector<Interval> next;
    for (const auto& p : parts) {
      if (leave.end <= p.start || p.end <= leave.start) {
        next.push_back(p);
        continue;
      }
      if (p.start < leave.start) next.push_back({p.start, leave.start});
      if (leave.end < p.end) next.push_back({leave.end, p.end});
    }
    parts = std::move(next);
  }
  std::sort(parts.begin(), parts.end(), [](auto& a, auto& b) { return a.start < b.start; });
  return parts;
}

}  // namespace

void ShopSchedule::add_shifts(const std::vector<ShiftDefinition>& defs) {
  for (const auto& d : defs) shifts[d.id] = d;
}

std::vector<std::string> ShopSchedule::problems() const {
  std::vector<std::string> out;
  if (!zone) out.push_back("no time zone");
  for (const auto& [id, def] : shifts) {
    if (!def.valid() || def.id != id) out.push_back("invalid shift definition: " + id);
  }
  for (const auto& id : rota.referenced_shift_ids()) {
    if (!shifts.contains(id)) out.push_back("rota names an unknown shift: " + id);
  }
  return out;
}

std::vector<ShiftInstance> instances_on(const ShopSchedule& s, std::string_view agent_id,
                                        LocalDate date) {
  std::vector<ShiftInstance> out;
  for (const auto& id : s.rota.shifts_on(agent_id, date)) {
    auto def = s.shifts.find(id);
    if (def != s.shifts.end()) out.push_back(instance_on(def->second, date, *s.zone));
  }
  return out;
}

std::optional<ShiftInstance> current_shift(const ShopSchedule& s, std::string_view agent_id,
                                           TimePoint t) {
  if (s.rota.leave_at(agent_id, t)) return std::nullopt;  // R-SHIFT-2: leave takes them out
  const LocalSeconds local_t = s.zone->to_local(t);
  const LocalDate today = date_of(local_t);
  std::optional<ShiftInstance> best;
  // A shift is at most 24 h (25 h across a DST change), so it started today or up to two
  // dates before: 02:00 is inside the previous date's 夜班. Routing asks this of every agent
  // in every decision (issue 8), so occurrences that cannot contain t by wall-clock time are
  // skipped before the costly conversion to instants; the slack covers any offset change.
  constexpr auto kSlack = std::chrono::hours{3};
  const Rota::AgentRota rota = s.rota.of(agent_id);
  for (int back = 2; back >= 0; --back) {
    const LocalDate date = add_days(today, -back);
    for (const auto& id : rota.shifts_on(date)) {
      auto def = s.shifts.find(id);
      if (def == s.shifts.end()) continue;
      const LocalSeconds local_start = at(date, def->second.start);
      if (local_t < local_start - kSlack || local_t >= local_start + def->second.length() + kSlack)
        continue;
      ShiftInstance inst = instance_on(def->second, date, *s.zone);
      if (inst.contains(t) && (!best || inst.end > best->end)) best = std::move(inst);
    }
  }
  return best;
}

bool is_on_shift(const ShopSchedule& s, std::string_view agent_id, TimePoint t) {
  return current_shift(s, agent_id, t).has_value();
}

OnShiftSpan on_shift_span(const ShopSchedule& s, std::string_view agent_id, TimePoint t) {
  // Occurrences starting within the horizon belong to rota dates up to tomorrow, even across a
  // change of offset, so the dates looked at below see every start that can end an off spell.
  constexpr auto kHorizon = std::chrono::hours{20};
  OnShiftSpan out{false, t + kHorizon};
  auto bound = [&](TimePoint at) {
    if (at > t && at < out.until) out.until = at;
  };
  const auto own_approved = [&](const LeaveRecord& l) {
    return l.status == LeaveStatus::kApproved && l.agent_id == agent_id;
  };
  if (auto shift = current_shift(s, agent_id, t)) {
    // On until the shift ends (another one may carry on: asked again then) or leave starts.
    out.on = true;
    bound(shift->end);
    for (const auto& l : s.rota.leaves())
      if (own_approved(l)) bound(l.start);
    return out;
  }
  // Off until a shift starts, or until the leave that keeps them off (inside a shift) ends.
  for (const auto& l : s.rota.leaves())
    if (own_approved(l) && l.start <= t) bound(l.end);
  const LocalDate today = s.zone->local_date(t);
  for (int d = -2; d <= 1; ++d) {
    for (const auto& inst : instances_on(s, agent_id, add_days(today, d))) bound(inst.start);
  }
  return out;
}

std::optional<ShiftInstance> next_shift(const ShopSchedule& s, std::string_view agent_id,
                                        TimePoint t, int horizon_days) {
  LocalDate today = s.zone->local_date(t);
  std::optional<ShiftInstance> best;
  for (int d = -2; d <= horizon_days; ++d) {
    for (auto& inst : instances_on(s, agent_id, add_days(today, d))) {
      for (const auto& part : minus_leave(s.rota, agent_id, {inst.start, inst.end})) {
        if (part.start > t && (!best || part.start < best->start)) {
          best = inst;
          best->start = part.start;
          break;
        }
      }
    }
  }
  return best;
}

std::optional<ShiftInstance> last_ended_shift(const ShopSchedule& s, std::string_view agent_id,
                                              TimePoint t) {
  LocalDate today = s.zone->local_date(t);
  std::optional<ShiftInstance> best;
  for (int back = 2; back >= 0; --back) {
    for (auto& inst : instances_on(s, agent_id, add_days(today, -back))) {
      if (inst.end <= t && (!best || inst.end > best->end)) best = std::move(inst);
    }
  }
  return best;
}

bool anyone_on_shift(const ShopSchedule& s, std::span<const std::string> agent_ids, TimePoint t) {
  return std::any_of(agent_ids.begin(), agent_ids.end(),
                     [&](const std::string& a) { return is_on_shift(s, a, t); });
}

std::optional<TimePoint> next_service_start(const ShopSchedule& s,
                                            std::span<const std::string> agent_ids, TimePoint t,
                                            int horizon_days) {
  std::optional<TimePoint> best;
  for (const auto& a : agent_ids) {
    auto next = next_shift(s, a, t, horizon_days);
    if (next && (!best || next->start < *best)) best = next->start;
  }
  return best;
}

std::vector<Interval> service_hours(const ShopSchedule& s, std::span<const std::string> agent_ids,
                                    TimePoint from, TimePoint until) {
  std::vector<Interval> all;
  LocalDate first = add_days(s.zone->local_date(from), -2);
  LocalDate last = s.zone->local_date(until);
  for (const auto& a : agent_ids) {
    for (LocalDate d = first; d <= last; d = add_days(d, 1)) {
      for (const auto& inst : instances_on(s, a, d)) {
        for (auto part : minus_leave(s.rota, a, {inst.start, inst.end})) {
          part.start = std::max(part.start, from);
          part.end = std::min(part.end, until);
          if (part.start < part.end) all.push_back(part);
        }
      }
    }
  }
  std::sort(all.begin(), all.end(), [](auto& x, auto& y) { return x.start < y.start; });
  std::vector<Interval> merged;
  for (const auto& i : all) {
    if (!merged.empty() && i.start <= merged.back().end) {
      merged.back().end = std::max(merged.back().end, i.end);
    } else {
      merged.push_back(i);
    }
  }
  return merged;
}

}  // namespace kefu::shifts
