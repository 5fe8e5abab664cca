#include "routing/router.h"

#include <algorithm>

namespace kefu::routing {

std::string_view outcome_name(Outcome o) {
  switch (o) {
    case Outcome::kAssign:
      return "assign";
    case Outcome::kQueue:
      return "queue";
    case Outcome::kLeaveMessage:
      return "leave_message";
  }
  return "queue";
}

QueueEntry RouteDecision::queue_entry(const std::optional<StickyHint>& last_agent) const {
  return QueueEntry{conversation_id,
                    group.group,
                    outcome == Outcome::kLeaveMessage ? EntryKind::kLeftMessage : EntryKind::kLive,
                    priority,
                    decided_at,
                    last_agent};
}

RouteDecision route_conversation(const ShopView& shop, const RouteRequest& req, TimePoint now) {
  RouteDecision d;
  d.conversation_id = req.conversation_id;
  d.decided_at = now;
  d.group = decide_group(shop.policy.binding, shop.groups, req.opened_from_order, req.orders);
  d.priority = priority_for(req.flags, shop.policy.priority);
  d.verdicts = judge_group(shop, d.group.group, now);

  ChoiceInput in{shop.policy.strategy, shop.policy.sticky_window, req.last_agent,
                 shop.cursor_of(d.group.group)};
  Choice choice = choose_agents(d.verdicts, in, now);
  d.sticky_note = std::move(choice.sticky_note);
  if (!choice.candidates.empty()) {
    d.outcome = Outcome::kAssign;
    d.candidates = std::move(choice.candidates);
    return d;
  }
  bool someone_on_shift =
      std::any_of(d.verdicts.begin(), d.verdicts.end(), [](auto& v) { return v.on_shift(); });
  if (someone_on_shift) {
    d.outcome = Outcome::kQueue;
    return d;
  }
  d.outcome = Outcome::kLeaveMessage;
  std::vector<std::string> members;
  for (const auto& v : d.verdicts) members.push_back(v.agent_id);
  d.next_service_start = shifts::next_service_start(shop.schedule, members, now);
  d.service_hours =
      shifts::service_hours(shop.schedule, members, now, now + std::chrono::hours{24});
  return d;
}

std::optional<QueueStatus> queue_status(std::span<const QueueEntry> sorted,
                                        std::string_view conversation_id,
                                        std::span<const WaitSample> recent_waits) {
  auto pos = position_of(sorted, conversation_id);
  if (!pos) return std::nullopt;
  return QueueStatus{*pos, estimate_wait(recent_waits, *pos)};
}

Regroup regroup_queued(const ShopView& shop, const QueueEntry& entry, const RouteRequest& req) {
  Regroup r;
  r.group = decide_group(shop.policy.binding, shop.groups, req.opened_from_order, req.orders);
  if (r.group.group != entry.group) {
    QueueEntry moved = entry;
    moved.group = r.group.group;
    r.moved = std::move(moved);
  }
  return r;
}

}  // namespace kefu::routing
