#pragma once
// Routing a buyer's conversation (R-ROUTE-1…9): which group, then an ordered list of candidate
// agents for the capacity claim, or the queue, or a left message when nobody of the group is on
// shift. The decision carries its reasons for the audit stream.
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "routing/agent_choice.h"
#include "routing/eligibility.h"
#include "routing/group_decision.h"
#include "routing/queue.h"
#include "routing/shop_view.h"
#include "routing/wait_estimate.h"

namespace kefu::routing {

struct RouteRequest {
  std::string conversation_id;
  std::optional<std::string> opened_from_order;  // R-ROUTE-3
  std::vector<OrderSnapshot> orders;             // the buyer's orders in this shop
  std::optional<StickyHint> last_agent;          // R-ROUTE-5
  QueueFlags flags;                              // R-ROUTE-8
};

enum class Outcome {
  kAssign,        // claim the first candidate with room; if every claim fails, queue
  kQueue,         // R-ROUTE-7: someone of the group is on shift, nobody eligible now
  kLeaveMessage,  // R-ROUTE-9: nobody of the group on shift: show service hours, take a 留言
};
std::string_view outcome_name(Outcome o);

struct RouteDecision {
  std::string conversation_id;
  TimePoint decided_at;
  GroupDecision group;  // R-ROUTE-1…3
  Outcome outcome = Outcome::kQueue;
  std::vector<Candidate> candidates;   // ordered; empty unless kAssign
  std::vector<AgentVerdict> verdicts;  // everyone in the group and why (not) eligible
  std::string sticky_note;
  int priority = 0;  // R-ROUTE-8, for the queue entry
  // R-ROUTE-9: when the group is next served, and its hours over the next day.
  std::optional<TimePoint> next_service_start;
  std::vector<shifts::Interval> service_hours;

  // The queue entry to store when the outcome is not kAssign (or every claim failed).
  QueueEntry queue_entry(const std::optional<StickyHint>& last_agent) const;
};

RouteDecision route_conversation(const ShopView& shop, const RouteRequest& req, TimePoint now);

// What the buyer sees while queued (R-ROUTE-7): position and estimated wait.
struct QueueStatus {
  int position = 0;
  std::optional<Millis> estimated_wait;
};
std::optional<QueueStatus> queue_status(std::span<const QueueEntry> sorted,
                                        std::string_view conversation_id,
                                        std::span<const WaitSample> recent_waits);

// The order changed while the buyer waits (R-ROUTE-1): re-run the group decision. When the
// group changes, the entry moves to the new group's queue keeping its enqueue time (the buyer
// keeps their place in arrival order).
struct Regroup {
  GroupDecision group;
  std::optional<QueueEntry> moved;  // set when the entry must move
};
Regroup regroup_queued(const ShopView& shop, const QueueEntry& entry, const RouteRequest& req);

}  // namespace kefu::routing
