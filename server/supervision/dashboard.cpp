#include "supervision/dashboard.h"

#include <algorithm>
#include <tuple>

#include <google/protobuf/util/message_differencer.h>

#include "supervision/alerts.h"

namespace kefu::supervision {

namespace {

v1::Presence wire_presence(routing::Presence p) {
  switch (p) {
    case routing::Presence::kOnline:
      return v1::PRESENCE_ONLINE;
    case routing::Presence::kAway:
      return v1::PRESENCE_AWAY;
    case routing::Presence::kOffline:
      break;
  }
  return v1::PRESENCE_OFFLINE;
}

// Longest wait first; ties by conversation id, so equal states give equal updates.
void sort_waiting(std::vector<v1::WaitingConversation>& w) {
  std::sort(w.begin(), w.end(), [](const auto& a, const auto& b) {
    return std::tuple(a.waiting_since_ms(), a.conversation_id()) <
           std::tuple(b.waiting_since_ms(), b.conversation_id());
  });
}

v1::WaitingConversation waiting_on_agent(const ActiveConversation& c) {
  v1::WaitingConversation w;
  w.set_conversation_id(c.conversation_id);
  w.set_buyer_id(c.buyer_id);
  w.set_agent_id(c.agent_id);
  w.set_group(c.group);
  w.set_waiting_since_ms(c.awaiting_since_ms);
  return w;
}

void add_group(const DashboardState& s, const GroupState& g, v1::DashboardUpdate& out) {
  v1::GroupLive& live = *out.add_groups();
  live.set_group(g.id);
  live.set_display_name(g.display_name);
  live.set_queued(g.queued_total);
  std::vector<v1::WaitingConversation> waiting;
  int left = 0;
  std::int64_t oldest = 0;
  for (const auto& q : g.queued) {
    if (q.left_message) ++left;
    if (oldest == 0 || q.enqueued_at_ms < oldest) oldest = q.enqueued_at_ms;
    v1::WaitingConversation& w = waiting.emplace_back();
    w.set_conversation_id(q.conversation_id);
    w.set_buyer_id(q.buyer_id);
    w.set_group(g.id);
    w.set_waiting_since_ms(q.enqueued_at_ms);
    w.set_left_message(q.left_message);
  }
  live.set_oldest_queued_at_ms(oldest);
  live.set_left_messages(left);
  int in_progress = 0;
  for (const auto& c : s.active) {
    if (c.group != g.id) continue;
    ++in_progress;
    if (c.awaiting_since_ms > 0) waiting.push_back(waiting_on_agent(c));
  }
  live.set_in_progress(in_progress);
  live.set_agents_online(
      static_cast<int>(std::count_if(s.agents.begin(), s.agents.end(), [&](const AgentState& a) {
        return a.enabled && a.live.presence == routing::Presence::kOnline && a.live.in_group(g.id);
      })));
  sort_waiting(waiting);
  if (waiting.size() > kGroupWaitingShown) waiting.resize(kGroupWaitingShown);
  for (auto& w : waiting) *live.add_waiting() = std::move(w);
}

void add_agent(const DashboardState& s, const AgentState& a, v1::DashboardUpdate& out) {
  v1::AgentLive& live = *out.add_agents();
  live.set_agent_id(a.id);
  live.set_display_name(a.display_name);
  live.set_group(a.group);
  live.set_presence(a.enabled ? wire_presence(a.live.presence) : v1::PRESENCE_OFFLINE);
  live.set_enabled(a.enabled);
  *live.mutable_shift() = a.shift;
  // R-SHIFT-3: still serving past the shift's end, up to now (the end is not known yet).
  if (a.extended) live.set_extended_until_ms(s.now_ms);
  live.set_load(a.live.active_conversations);
  live.set_capacity(a.capacity);
  if (a.today) *live.mutable_today() = *a.today;
  std::vector<v1::WaitingConversation> waiting;
  for (const auto& c : s.active)
    if (c.agent_id == a.id && c.awaiting_since_ms > 0) waiting.push_back(waiting_on_agent(c));
  sort_waiting(waiting);
  if (waiting.size() > kAgentWaitingShown) waiting.resize(kAgentWaitingShown);
  for (auto& w : waiting) *live.add_waiting() = std::move(w);
  live.set_low_performer(a.low_performer);
  live.set_low_performer_reason(a.low_performer_reason);
  if (a.enabled) live.set_idle_since_ms(idle_since_ms(a.live));
}

}  // namespace

v1::DashboardUpdate build_dashboard(const DashboardState& state) {
  v1::DashboardUpdate out;
  out.set_as_of_ms(state.now_ms);
  out.set_wait_alert_seconds(static_cast<std::uint32_t>(state.wait_alert_ms / 1000));
  for (const auto& g : state.groups) add_group(state, g, out);
  for (const auto& a : state.agents) add_agent(state, a, out);
  for (auto& alert : dashboard_alerts(state)) *out.add_alerts() = std::move(alert);
  return out;
}

bool same_view(const v1::DashboardUpdate& a, const v1::DashboardUpdate& b) {
  auto comparable = [](v1::DashboardUpdate u) {
    u.clear_as_of_ms();
    u.clear_samples();
    for (auto& agent : *u.mutable_agents()) {
      if (agent.has_today()) agent.mutable_today()->clear_as_of_ms();
      // Moves with the clock while an extension lasts: only whether there is one counts.
      agent.set_extended_until_ms(agent.extended_until_ms() != 0 ? 1 : 0);
    }
    return u;
  };
  return google::protobuf::util::MessageDifferencer::Equals(comparable(a), comparable(b));
}

}  // namespace kefu::supervision
