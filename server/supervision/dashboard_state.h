#pragma once
// What the dashboard is computed from: the shop's live state as read from Redis in one step
// (queues, agents' rows and conversations, overdue follow-ups) with the config's names and the
// figures computed elsewhere. Plain data; no I/O.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kefu/v1/frames.pb.h"
#include "routing/agent_snapshot.h"
#include "routing/presence.h"

namespace kefu::supervision {

struct QueuedConversation {
  std::string conversation_id;
  std::string buyer_id;
  std::int64_t enqueued_at_ms = 0;
  bool left_message = false;  // R-ROUTE-9: nobody of the group was on shift
};

struct GroupState {
  std::string id;
  std::string display_name;
  int queued_total = 0;                    // the whole queue
  std::vector<QueuedConversation> queued;  // its head, as read
};

// An assigned conversation; awaiting_since_ms = the buyer's oldest message no human answered
// yet (0 = none waiting).
struct ActiveConversation {
  std::string conversation_id;
  std::string buyer_id;
  std::string agent_id;
  std::string group;
  std::int64_t awaiting_since_ms = 0;
};

struct AgentState {
  std::string id;
  std::string display_name;
  std::string group;
  bool enabled = true;
  routing::AgentSnapshot live;  // presence, load, heartbeat, activity (lib/agent_row.lua)
  int capacity = 0;             // after a supervisor's change (R-ROUTE-7)
  v1::ShiftInfo shift;          // now, or the next one
  bool extended = false;        // R-SHIFT-3: past the shift's end, still serving
  std::optional<v1::FiguresReport> today;
  bool low_performer = false;  // R-KPI-8
  std::string low_performer_reason;
};

struct OverdueFollowUp {
  std::string id;
  std::string agent_id;
  std::string conversation_id;
  std::int64_t due_ms = 0;
};

struct DashboardState {
  std::int64_t now_ms = 0;
  std::int64_t wait_alert_ms = 60'000;  // R-SUP-1
  routing::LivenessPolicy liveness;     // R-SHIFT-4's idle limit
  std::vector<GroupState> groups;
  std::vector<ActiveConversation> active;
  std::vector<AgentState> agents;
  std::vector<OverdueFollowUp> follow_ups;
};

}  // namespace kefu::supervision
