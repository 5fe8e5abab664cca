#include "app/dashboard_view.h"

#include <google/protobuf/descriptor.h>

#include "chat/shop_schedules.h"
#include "shifts/auto_extend.h"

namespace kefu::app {

std::int64_t wait_alert_ms(const v1::Shop& shop) {
  constexpr std::int64_t kDefaultMs = 60'000;
  // Read by name: the shop settings (issue 7) add Shop.wait_alert_seconds; a config without
  // the field, or with 0, keeps the default.
  const auto* field = shop.GetDescriptor()->FindFieldByName("wait_alert_seconds");
  if (!field || field->cpp_type() != google::protobuf::FieldDescriptor::CPPTYPE_UINT32)
    return kDefaultMs;
  const std::uint32_t seconds = shop.GetReflection()->GetUInt32(shop, field);
  return seconds > 0 ? std::int64_t{seconds} * 1000 : kDefaultMs;
}

supervision::DashboardState dashboard_state(
    const chat::ShopEntry& shop, DashboardRead read,
    const std::map<std::string, AgentToday, std::less<>>& figures, TimePoint now) {
  supervision::DashboardState s;
  s.now_ms = to_ms(now);
  s.wait_alert_ms = wait_alert_ms(shop.config);
  s.liveness = shop.rules.policy.liveness;
  s.groups = std::move(read.groups);
  for (auto& g : s.groups)
    for (const auto& config : shop.config.groups())
      if (config.id() == g.id) g.display_name = config.display_name();
  s.active = std::move(read.active);
  s.follow_ups = std::move(read.follow_ups);
  const shifts::ShopSchedule schedule = chat::schedule_of(shop, read.rota);
  for (std::size_t i = 0; i < read.agents.size(); ++i) {
    const v1::AgentAccount* account = shop.agents_by_id.contains(read.agents[i].id)
                                          ? shop.agents_by_id.find(read.agents[i].id)->second
                                          : nullptr;
    if (!account) continue;
    supervision::AgentState& a = s.agents.emplace_back();
    a.id = account->id();
    a.display_name = account->display_name();
    a.group = account->group();
    a.enabled = !read.disabled.contains(a.id);
    a.live = std::move(read.agents[i]);
    a.live.groups = {account->group()};
    for (const auto& fixed : shop.rules.agents)
      if (fixed.id == a.id) a.live.groups = fixed.groups;
    // A supervisor's runtime change wins over the config's (R-ROUTE-7); -1 = none.
    a.capacity = a.live.capacity >= 0 ? a.live.capacity
                                      : static_cast<int>(chat::agent_capacity(shop, *account));
    const shifts::ShiftStatus status =
        shifts::shift_status(schedule, a.id, now, a.live.active_conversations);
    a.extended = status.phase == shifts::ShiftPhase::kExtended;
    auto shift = shifts::current_shift(schedule, a.id, now);
    a.shift.set_on_shift(shift.has_value());
    if (!shift) shift = shifts::next_shift(schedule, a.id, now);
    if (shift) {
      a.shift.set_shift_id(shift->shift_id);
      a.shift.set_start_ms(to_ms(shift->start));
      a.shift.set_end_ms(to_ms(shift->end));
    }
    if (auto f = figures.find(a.id); f != figures.end()) {
      a.today = f->second.figures;
      a.low_performer = f->second.low_performer;
      a.low_performer_reason = f->second.low_performer_reason;
    }
  }
  return s;
}

}  // namespace kefu::app
