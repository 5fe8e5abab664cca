#include "chat/settings_check.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "chat/quick_replies.h"
#include "chat/shop_directory.h"
#include "chat/shop_kpi_rules.h"
#include "routing/agent_snapshot.h"
#include "routing/order_state.h"
#include "shifts/local_time.h"

namespace kefu::chat {

namespace {

using Problem = std::optional<SettingsProblem>;

Problem bad(std::string field, std::string message) {
  return SettingsProblem{std::move(field), std::move(message)};
}

std::string at(std::string_view list, int i) { return fmt::format("{}[{}]", list, i); }

bool has_agent(const v1::Shop& shop, const std::string& id) {
  for (const auto& a : shop.agents())
    if (a.id() == id) return true;
  return false;
}

// R-ROLE-2: groups may be added and renamed; one still routed to or holding agents stays.
Problem check_groups(const v1::Shop& file_shop, const v1::ShopSettings& s,
                     std::set<std::string>& ids) {
  if (s.groups().empty()) return bad("groups", "a shop needs at least one group");
  for (int i = 0; i < s.groups_size(); ++i) {
    const auto& g = s.groups(i);
    if (!valid_id(g.id())) return bad(at("groups", i) + ".id", "1-64 of [A-Za-z0-9._-]");
    if (!ids.insert(g.id()).second)
      return bad(at("groups", i) + ".id", "group '" + g.id() + "' is listed twice");
    if (g.display_name().size() > 64) return bad(at("groups", i) + ".displayName", "too long");
  }
  if (!ids.contains(file_shop.default_group()))
    return bad("groups", "group '" + file_shop.default_group() +
                             "' is the shop's default group and cannot be removed");
  for (const auto& a : file_shop.agents())
    if (!a.supervisor() && !ids.contains(a.group()))
      return bad("groups", "group '" + a.group() + "' still holds agent " + a.id() +
                               ": move its agents in the configuration first");
  return std::nullopt;
}

// R-ROUTE-2: every key an order state, every group one of the shop's.
Problem check_bindings(const v1::ShopSettings& s, const std::set<std::string>& groups) {
  // Sorted, so the first problem is the same whatever the map's order.
  std::map<std::string, std::string> sorted{s.bindings().begin(), s.bindings().end()};
  for (const auto& [state, group] : sorted) {
    const std::string field = "bindings[" + state + "]";
    if (!routing::parse_order_state(state))
      return bad(field,
                 "unknown order state (none, created, paid, shipped, delivered, "
                 "completed, after_sale, closed)");
    if (!groups.contains(group))
      return bad(field, "no group '" + group + "' in this shop (it would route nowhere)");
  }
  return std::nullopt;
}

// R-SHIFT-1: ids unique, times "HH:MM" ("24:00" as an end). Overlaps are allowed ([001]'s day
// and evening shifts overlap by 30 min) and start == end is a 24 h shift, as in the file.
Problem check_shifts(const v1::ShopSettings& s, std::set<std::string>& ids) {
  for (int i = 0; i < s.shifts_size(); ++i) {
    const auto& sh = s.shifts(i);
    const std::string field = at("shifts", i);
    if (!valid_id(sh.id())) return bad(field + ".id", "1-64 of [A-Za-z0-9._-]");
    if (!ids.insert(sh.id()).second)
      return bad(field + ".id", "shift '" + sh.id() + "' is listed twice");
    if (sh.start() == "24:00" || !shifts::parse_time_of_day(sh.start()))
      return bad(field + ".start", "a time of day as HH:MM, 00:00 to 23:59");
    if (sh.end() == "00:00" || !shifts::parse_time_of_day(sh.end()))
      return bad(field + ".end", "a time of day as HH:MM, 00:01 to 24:00");
    if (!shifts::make_shift(sh.id(), sh.name(), sh.start(), sh.end()))
      return bad(field, "not a valid shift");
  }
  return std::nullopt;
}

// R-SHIFT-2: known agents and shifts, real dates, one entry per agent and date.
Problem check_rota(const v1::Shop& file_shop, const v1::ShopSettings& s,
                   const std::set<std::string>& shift_ids) {
  std::set<std::pair<std::string, std::string>> seen;
  for (int i = 0; i < s.rota_size(); ++i) {
    const auto& e = s.rota(i);
    const std::string field = at("rota", i);
    if (!has_agent(file_shop, e.agent_id()))
      return bad(field + ".agentId", "no agent '" + e.agent_id() + "' in this shop");
    if (!shifts::parse_date(e.date())) return bad(field + ".date", "a date as YYYY-MM-DD");
    if (!seen.emplace(e.agent_id(), e.date()).second)
      return bad(field, "a second entry for " + e.agent_id() + " on " + e.date());
    for (int j = 0; j < e.shifts_size(); ++j)
      if (!shift_ids.contains(e.shifts(j)))
        return bad(at(field + ".shifts", j), "no shift '" + e.shifts(j) + "' in this shop");
  }
  return std::nullopt;
}

bool capacity_ok(std::uint32_t c) { return c >= 1 && c <= kMaxCapacity; }

// R-ROUTE-7, R-ROLE-3.
Problem check_capacities(const v1::Shop& file_shop, const v1::ShopSettings& s) {
  if (!capacity_ok(s.default_capacity())) return bad("defaultCapacity", "1..100");
  std::map<std::string, std::uint32_t> per_level{s.capacity_per_level().begin(),
                                                 s.capacity_per_level().end()};
  for (const auto& [level, cap] : per_level) {
    const std::string field = "capacityPerLevel[" + level + "]";
    if (!routing::parse_level(level))
      return bad(field,
                 "unknown level (trainee, junior, intermediate, senior, "
                 "reserve_supervisor)");
    if (!capacity_ok(cap)) return bad(field, "1..100");
  }
  std::set<std::string> seen;
  for (int i = 0; i < s.capacities_size(); ++i) {
    const auto& c = s.capacities(i);
    const std::string field = at("capacities", i);
    if (!has_agent(file_shop, c.agent_id()))
      return bad(field + ".agentId", "no agent '" + c.agent_id() + "' in this shop");
    if (!seen.insert(c.agent_id()).second)
      return bad(field + ".agentId", "agent " + c.agent_id() + " is listed twice");
    if (c.capacity() != 0 && !capacity_ok(c.capacity()))
      return bad(field + ".capacity", "1..100, or 0 for the level's or shop's default");
  }
  return std::nullopt;
}

// R-MSG-3: the rules of an agent's own quick replies, and shortcuts unique.
Problem check_quick_replies(const v1::ShopSettings& s) {
  std::set<std::string> seen;
  for (int i = 0; i < s.quick_replies_size(); ++i) {
    const auto& q = s.quick_replies(i);
    const std::string field = at("quickReplies", i);
    if (q.shortcut().empty()) return bad(field + ".shortcut", "a shortcut is required");
    if (auto p = quick_reply_problem(q.shortcut(), q.text()); !p.empty())
      return bad(field + (p.starts_with("text") ? ".text" : ".shortcut"), p);
    if (!seen.insert(q.shortcut()).second)
      return bad(field + ".shortcut", "shortcut '" + q.shortcut() + "' is listed twice");
  }
  return std::nullopt;
}

// R-SCORE-3: every part of the template named once, adding up to 100 points.
Problem check_weights(const google::protobuf::RepeatedPtrField<v1::ScorePartWeight>& weights,
                      kpi::ScoreTemplate t, const std::string& list) {
  std::set<std::string> seen;
  for (int i = 0; i < weights.size(); ++i) {
    const auto& w = weights.Get(i);
    auto part = std::find_if(t.parts.begin(), t.parts.end(),
                             [&](const kpi::ScorePart& p) { return p.id == w.part(); });
    if (part == t.parts.end())
      return bad(at(list, i) + ".part", "no part '" + w.part() + "' on the " + t.id + " scorecard");
    if (!seen.insert(w.part()).second)
      return bad(at(list, i) + ".part", "part '" + w.part() + "' is listed twice");
    part->max_tenths = static_cast<std::int32_t>(w.points_tenths());
  }
  if (auto problems = kpi::validate(t); !problems.empty())
    return bad(list, problems.front() + " (points are in tenths: 30 points = 300)");
  return std::nullopt;
}

// R-SCORE-2.
Problem check_blackouts(const v1::ShopSettings& s) {
  for (int i = 0; i < s.blackouts_size(); ++i) {
    const auto& b = s.blackouts(i);
    const std::string field = at("blackouts", i);
    if (b.name().empty()) return bad(field + ".name", "a name is required");
    auto start = parse_month_day(b.start()), end = parse_month_day(b.end());
    if (!start) return bad(field + ".start", "a day of the year as MM-DD");
    if (!end) return bad(field + ".end", "a day of the year as MM-DD");
    if (*end < *start) return bad(field + ".end", "before the start (one period within a year)");
  }
  return std::nullopt;
}

}  // namespace

std::optional<SettingsProblem> check_settings(const v1::Shop& file_shop,
                                              const v1::ShopSettings& s) {
  std::set<std::string> groups, shift_ids;
  if (auto p = check_groups(file_shop, s, groups)) return p;
  if (auto p = check_bindings(s, groups)) return p;
  if (auto p = check_shifts(s, shift_ids)) return p;
  if (s.shifts().empty()) return bad("shifts", "a shop needs at least one shift");
  if (auto p = check_rota(file_shop, s, shift_ids)) return p;
  for (const auto& a : file_shop.agents())
    for (const auto& id : a.standing_shifts())
      if (!shift_ids.contains(id))
        return bad("shifts", "shift '" + id + "' is a standing shift of agent " + a.id() +
                                 " in the configuration and cannot be removed");
  if (auto p = check_capacities(file_shop, s)) return p;
  if (auto p = check_quick_replies(s)) return p;
  // R-KPI-3: both thresholds, the fast one strictly below the slow one.
  if (s.fast_reply_seconds() < 1) return bad("fastReplySeconds", "at least 1 second");
  if (s.slow_reply_seconds() <= s.fast_reply_seconds())
    return bad("slowReplySeconds", "must be above fastReplySeconds");
  if (s.slow_reply_seconds() > 24 * 3600) return bad("slowReplySeconds", "at most a day");
  if (auto p =
          check_weights(s.presale_weights(), kpi::default_presale_template(), "presaleWeights"))
    return p;
  if (auto p = check_weights(s.aftersale_weights(), kpi::default_aftersale_template(),
                             "aftersaleWeights"))
    return p;
  if (auto p = check_blackouts(s)) return p;
  if (s.wait_alert_seconds() < 1 || s.wait_alert_seconds() > 24 * 3600)
    return bad("waitAlertSeconds", "1 second to a day");
  if (s.auto_greeting().size() > kMaxAutoGreetingBytes)
    return bad("autoGreeting", "at most 2000 bytes");
  return std::nullopt;
}

}  // namespace kefu::chat
