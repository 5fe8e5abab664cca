#include "supervision/alerts.h"

#include <algorithm>
#include <tuple>

namespace kefu::supervision {

namespace {

std::int64_t ms_of(const std::optional<TimePoint>& t) { return t ? to_ms(*t) : 0; }

// "Past the threshold": strictly longer than it (R-SUP-1, default 60 s).
bool waited_too_long(const DashboardState& s, std::int64_t since_ms) {
  return since_ms > 0 && s.now_ms - since_ms > s.wait_alert_ms;
}

v1::DashboardAlert long_wait(const DashboardState& s, const std::string& group,
                             const std::string& agent, const std::string& conversation,
                             const std::string& buyer, std::int64_t since_ms) {
  v1::DashboardAlert a;
  a.set_kind(v1::ALERT_KIND_LONG_WAIT);
  a.set_group(group);
  a.set_agent_id(agent);
  a.set_conversation_id(conversation);
  a.set_since_ms(since_ms);
  // No elapsed time in the text: it would change every second and push an update each time.
  a.set_text("买家 " + buyer + " 等待超过 " + std::to_string(s.wait_alert_ms / 1000) + " 秒" +
             (agent.empty() ? "(排队中)" : "(客服 " + agent + ")"));
  return a;
}

}  // namespace

std::int64_t idle_since_ms(const routing::AgentSnapshot& agent) {
  if (agent.presence != routing::Presence::kOnline || agent.active_conversations > 0) return 0;
  const std::int64_t since = std::max(ms_of(agent.last_activity), ms_of(agent.last_assigned_at));
  return since > 0 ? since : ms_of(agent.last_heartbeat);
}

std::vector<v1::DashboardAlert> dashboard_alerts(const DashboardState& s) {
  std::vector<v1::DashboardAlert> out;
  for (const auto& g : s.groups)
    for (const auto& q : g.queued)
      if (waited_too_long(s, q.enqueued_at_ms))
        out.push_back(long_wait(s, g.id, "", q.conversation_id, q.buyer_id, q.enqueued_at_ms));
  for (const auto& c : s.active)
    if (waited_too_long(s, c.awaiting_since_ms))
      out.push_back(
          long_wait(s, c.group, c.agent_id, c.conversation_id, c.buyer_id, c.awaiting_since_ms));
  for (const auto& f : s.follow_ups) {
    if (f.due_ms <= 0 || f.due_ms >= s.now_ms) continue;  // R-MSG-4: overdue once past due
    v1::DashboardAlert& a = out.emplace_back();
    a.set_kind(v1::ALERT_KIND_OVERDUE_FOLLOW_UP);
    a.set_agent_id(f.agent_id);
    a.set_conversation_id(f.conversation_id);
    a.set_since_ms(f.due_ms);
    a.set_text("跟进事项 " + f.id + " 已逾期(客服 " + f.agent_id + ")");
  }
  const TimePoint now = from_ms(s.now_ms);
  for (const auto& agent : s.agents) {
    if (!agent.enabled || agent.live.presence != routing::Presence::kOnline) continue;
    // R-SHIFT-4: the same idle test routing applies (no activity within the idle limit).
    if (routing::liveness(agent.live, s.liveness, now) != routing::Liveness::kIdleTooLong) continue;
    v1::DashboardAlert& a = out.emplace_back();
    a.set_kind(v1::ALERT_KIND_IDLE_AGENT);
    a.set_group(agent.group);
    a.set_agent_id(agent.id);
    a.set_since_ms(ms_of(agent.live.last_activity));
    a.set_text(
        "客服 " + agent.display_name + " 在线但空闲超过 " +
        std::to_string(
            std::chrono::duration_cast<std::chrono::minutes>(s.liveness.idle_timeout).count()) +
        " 分钟");
  }
  // Longest-standing first; the rest only orders ties, so equal states give equal lists.
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return std::tuple(a.since_ms(), static_cast<int>(a.kind()), a.conversation_id(), a.agent_id()) <
           std::tuple(b.since_ms(), static_cast<int>(b.kind()), b.conversation_id(), b.agent_id());
  });
  return out;
}

}  // namespace kefu::supervision
