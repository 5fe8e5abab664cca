#include "chat/shop_settings.h"

#include <fmt/format.h>

#include "chat/quick_replies.h"
#include "routing/order_state.h"
#include "shifts/local_time.h"

namespace kefu::chat {

namespace {

std::string month_day_text(unsigned month, unsigned day) {
  return fmt::format("{:02}-{:02}", month, day);
}

void add_weights(const kpi::ScoreTemplate& t,
                 google::protobuf::RepeatedPtrField<v1::ScorePartWeight>& out) {
  for (const auto& part : t.parts) {
    auto* w = out.Add();
    w->set_part(part.id);
    w->set_points_tenths(static_cast<std::uint32_t>(part.max_tenths));
  }
}

}  // namespace

std::uint32_t wait_alert_seconds(const v1::Shop& shop) {
  return shop.wait_alert_seconds() ? shop.wait_alert_seconds() : kDefaultWaitAlertSeconds;
}

v1::ShopSettings settings_of(const ShopEntry& shop) {
  const v1::Shop& c = shop.config;
  v1::ShopSettings s;
  s.set_version(shop.settings_version);
  *s.mutable_groups() = c.groups();
  const auto& binding = shop.rules.policy.binding;
  for (auto state : routing::kAllOrderStates) {
    auto it = binding.group_of_state.find(state);
    (*s.mutable_bindings())[std::string{routing::order_state_name(state)}] =
        it == binding.group_of_state.end() ? binding.default_group : it->second;
  }
  // The shifts as configured, else the preset's (in the preset's order, not the map's).
  if (!c.shifts().empty()) {
    *s.mutable_shifts() = c.shifts();
  } else {
    for (const auto& [id, def] : shop.rules.schedule.shifts) {
      if (id == "all_day" && c.shift_preset() != "all_day") continue;  // no rota kept
      auto* out = s.add_shifts();
      out->set_id(def.id);
      out->set_name(def.name);
      out->set_start(shifts::format_time_of_day(def.start));
      out->set_end(shifts::format_time_of_day(def.end));
    }
  }
  *s.mutable_rota() = c.rota();
  s.set_default_capacity(c.default_capacity());
  for (const auto& [level, cap] : shop.rules.policy.capacity.per_level)
    (*s.mutable_capacity_per_level())[std::string{routing::level_name(level)}] =
        static_cast<std::uint32_t>(cap);
  for (const auto& a : c.agents()) {
    auto* cap = s.add_capacities();
    cap->set_agent_id(a.id());
    cap->set_capacity(a.capacity());
  }
  for (const auto& q : shop_quick_replies(c)) {
    auto* out = s.add_quick_replies();
    out->set_shortcut(q.shortcut());
    out->set_text(q.text());
  }
  const auto& k = shop.kpi;
  s.set_fast_reply_seconds(static_cast<std::uint32_t>(k.settings.fast_reply.count() / 1000));
  s.set_slow_reply_seconds(static_cast<std::uint32_t>(k.settings.slow_reply.count() / 1000));
  add_weights(k.presale, *s.mutable_presale_weights());
  add_weights(k.aftersale, *s.mutable_aftersale_weights());
  for (const auto& b : k.blackouts) {
    auto* out = s.add_blackouts();
    out->set_name(b.name);
    out->set_start(month_day_text(b.start_month, b.start_day));
    out->set_end(month_day_text(b.end_month, b.end_day));
  }
  s.set_wait_alert_seconds(wait_alert_seconds(c));
  s.set_auto_greeting(c.auto_greeting());
  return s;
}

v1::Shop with_settings(const v1::Shop& file_shop, const v1::ShopSettings& s) {
  v1::Shop out = file_shop;
  *out.mutable_groups() = s.groups();
  auto* routing = out.mutable_routing();
  *routing->mutable_bindings() = s.bindings();
  *routing->mutable_capacity_per_level() = s.capacity_per_level();
  *out.mutable_shifts() = s.shifts();
  out.clear_shift_preset();
  *out.mutable_rota() = s.rota();
  out.set_default_capacity(s.default_capacity());
  for (auto& agent : *out.mutable_agents()) {
    agent.set_capacity(0);
    for (const auto& c : s.capacities())
      if (c.agent_id() == agent.id()) agent.set_capacity(c.capacity());
  }
  *out.mutable_quick_replies() = s.quick_replies();
  auto* kpi = out.mutable_kpi();
  kpi->set_fast_reply_seconds(s.fast_reply_seconds());
  kpi->set_slow_reply_seconds(s.slow_reply_seconds());
  *kpi->mutable_presale_weights() = s.presale_weights();
  *kpi->mutable_aftersale_weights() = s.aftersale_weights();
  *kpi->mutable_blackouts() = s.blackouts();
  out.set_wait_alert_seconds(s.wait_alert_seconds());
  out.set_auto_greeting(s.auto_greeting());
  return out;
}

}  // namespace kefu::chat

namespace kefu::chat {

std::unique_ptr<ShopEntry> entry_with_settings(const v1::Shop& file_shop,
                                               const v1::ShopSettings& settings,
                                               std::vector<std::string>& problems,
                                               std::shared_ptr<const shifts::TimeZone> zone) {
  auto entry = build_shop_entry(with_settings(file_shop, settings), problems, std::move(zone));
  entry->settings_version = settings.version();
  return entry;
}

}  // namespace kefu::chat
