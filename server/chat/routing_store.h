#pragma once
// The Redis side of routing: the snapshot a decision reads, and the atomic steps that apply
// it (open and claim, presence, queue drain, end). Each call is one Lua script, one round
// trip, answered on the calling worker's thread. Decisions are made by server/routing.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "chat/chat_store.h"
#include "routing/agent_choice.h"
#include "routing/agent_snapshot.h"
#include "routing/group_decision.h"
#include "routing/presence.h"
#include "routing/wait_estimate.h"
#include "shifts/auto_extend.h"

namespace kefu::chat {

// A supervisor's rota changes: (agent, date "YYYY-MM-DD") → shift ids (empty = day off).
using RotaOverrides = std::map<std::pair<std::string, std::string>, std::vector<std::string>>;

// Which agent rows a routing snapshot brings (lib/agent_row.lua, agent_rows_since): those
// written after `version` of `epoch`, or every row when the epoch is not Redis's (or empty).
struct AgentRowsSince {
  bool wanted = true;  // false: the buyer's part only
  std::string epoch;
  std::int64_t version = 0;
  // With no epoch known: the shop's agents, whose missing rows are made first (state written
  // before rows existed). Must outlive the call (ShopRules::agent_ids).
  const std::vector<std::string>* agent_ids = nullptr;
};

// The agent rows a snapshot brought, as of `version` of `epoch`: the live part (presence, load,
// times, a supervisor's capacity or -1) of each agent whose row changed, or of all when `full`.
struct AgentRows {
  std::string epoch;
  std::int64_t version = 0;
  bool full = false;
  std::vector<routing::AgentSnapshot> changed;
};

struct RoutingSnapshot {
  StoreError error = StoreError::None;
  // The buyer's latest conversation, if any (ended ones too, for R-ROUTE-12).
  std::optional<v1::Conversation> latest;
  std::int64_t latest_ended_at_ms = 0;
  std::vector<routing::OrderSnapshot> orders;
  std::optional<routing::StickyHint> last_agent;
  AgentRows agent_rows;
  std::map<std::string, std::string, std::less<>> round_robin_cursors;  // group → agent
  RotaOverrides rota;
};

struct ConversationSnapshot {
  StoreError error = StoreError::None;
  std::optional<v1::Conversation> conversation;
  AgentRows agent_rows;
  RotaOverrides rota;
};

struct TransferApply {
  std::string shop_id;
  std::string conversation_id;
  std::string from_agent_id;  // who has it now, as the decision saw it
  std::string group;          // its group afterwards
  std::string kind;           // "to_agent", ...
  std::string actor_id;
  std::string note;
  double queue_score = 0;
  bool may_queue = false;  // a group transfer waits in the new group's queue if nobody has room
  std::vector<routing::Candidate> candidates;
};

struct OpenRequest {
  std::string shop_id;
  std::string buyer_id;
  std::string order_id;
  std::string group;
  bool left_message = false;  // R-ROUTE-9: nobody of the group on shift
  double queue_score = 0;
  std::int64_t same_session_window_ms = 0;
  std::string audit;  // why: the group's basis and who was (not) eligible
  std::vector<routing::Candidate> candidates;
};

struct OpenResult {
  StoreError error = StoreError::None;
  bool resumed = false;
  v1::Conversation conversation;
  std::string rule;  // the rule that placed it ("R-ROUTE-5 sticky", "R-ROUTE-7 queue", ...)
  int queue_position = 0;
};

struct QueuedBuyer {
  std::string conversation_id;
  std::string buyer_id;
  int position = 0;
  std::string group;
};

// An on-shift agent whose free slots may take from their group's queue.
struct DrainSlot {
  std::string agent_id;
  std::uint32_t capacity = 0;
  std::string group;
};

struct DrainResult {
  StoreError error = StoreError::None;
  std::vector<v1::Conversation> assigned;
  std::vector<QueuedBuyer> still_waiting;  // new positions, in the groups that moved
  std::map<std::string, std::vector<routing::WaitSample>> recent_waits;  // by group
};

struct EndResult {
  StoreError error = StoreError::None;
  std::string agent_id;  // whose slot freed ("" when it was queued)
  int agent_load = 0;    // the agent's conversations still open
  std::string group;
  std::string buyer_id;
};

// Issue 9: a conversation whose agent has been gone past the grace period.
struct OrphanedConversation {
  std::string conversation_id;
  std::string agent_id;
  std::string group;
};

struct AutoEnded {
  std::string conversation_id;
  std::string agent_id;
  std::string group;
  std::string buyer_id;
  int agent_load = 0;
};

class RoutingStore {
 public:
  RoutingStore(redis::Client& redis, const Clock& clock);

  void snapshot(const std::string& shop_id, const std::string& buyer_id,
                const std::string& opened_from, const AgentRowsSince& since,
                std::function<void(RoutingSnapshot)> done);
  void open(const OpenRequest& req, std::function<void(OpenResult)> done);
  void conversation_snapshot(const std::string& shop_id, const std::string& conversation_id,
                             const AgentRowsSince& since,
                             std::function<void(ConversationSnapshot)> done);
  // R-ROUTE-10. The result's conversation is the new state (queue_position in OpenResult).
  void transfer(const TransferApply& req, std::function<void(OpenResult)> done);
  void set_presence(const std::string& shop_id, const std::string& agent_id, v1::Presence presence,
                    std::uint32_t capacity, const std::string& group,
                    std::function<void(StoreError)> done);
  // Agents whose heartbeat or activity is older than `liveness` allows take nothing.
  void drain(const std::string& shop_id, const std::vector<DrainSlot>& slots,
             const routing::LivenessPolicy& liveness, std::function<void(DrainResult)> done);
  void end(const std::string& shop_id, const Participant& who, const std::string& conversation_id,
           std::function<void(EndResult)> done);
  // R-ROUTE-1: moves a waiting conversation to another group's queue, keeping its place;
  // position 0 = nothing moved (no longer waiting there).
  void regroup(const std::string& shop_id, const std::string& conversation_id,
               const std::string& from_group, const std::string& to_group, const std::string& why,
               std::function<void(StoreError, int position)> done);
  // Who waits in the group's queue now (the first 100) and the group's recent waits.
  void queue_positions(
      const std::string& shop_id, const std::string& group,
      std::function<void(StoreError, std::vector<QueuedBuyer>, std::vector<routing::WaitSample>)>
          done);
  void rota_overrides(const std::string& shop_id,
                      std::function<void(StoreError, RotaOverrides)> done);
  // A supervisor's change: `shifts` empty = a day off.
  void set_rota(const std::string& shop_id, const std::string& agent_id, const std::string& date,
                const std::vector<std::string>& shifts, std::function<void(StoreError)> done);
  // A supervisor's capacity for the agent, over the config's (R-ROUTE-7).
  void set_capacity(const std::string& shop_id, const std::string& agent_id, std::uint32_t capacity,
                    std::function<void(StoreError)> done);
  // The audit entries of one conversation (or the latest of the shop when empty), oldest first.
  void read_audit(const std::string& shop_id, const std::string& conversation_id, std::size_t limit,
                  std::function<void(StoreError, std::vector<redis::Reply>)> done);
  // R-ROUTE-11: ends what the buyer left silent for `silence` after the agent's last reply.
  void auto_end(const std::string& shop_id, Millis silence,
                std::function<void(StoreError, std::vector<AutoEnded>)> done);
  // Issue 9: conversations of agents with no heartbeat since `stale_before` (at most 50).
  void orphaned_conversations(
      const std::string& shop_id, TimePoint stale_before,
      std::function<void(StoreError, std::vector<OrphanedConversation>)> done);
  // R-SHIFT-3: the extra time an agent worked past their shift's end. Fire and forget.
  void record_overtime(const std::string& shop_id, const shifts::OvertimeRecord& record);
  // R-SHIFT-4: the agent's connection is alive (every frame) and, unless it was a ping, the
  // agent is active. Fire and forget.
  void touch_agent(const std::string& shop_id, const std::string& agent_id, bool activity);

 private:
  redis::Client& redis_;
  const Clock& clock_;
};

// Readers of the scripts' replies, shared with the supervisors' dashboard (app/dashboard_store):
// the agent rows lib/agent_row.lua reads (one line per agent of `agent_ids`, in that order),
// and the rota_overrides hash.
std::vector<routing::AgentSnapshot> agents_of_rows(std::string_view rows,
                                                   const std::vector<std::string>& agent_ids);
RotaOverrides rota_of(const redis::Reply& hash);

// Order states as platform events store them ("PAID", "SHIPPED", ...; see keys::order).
routing::OrderState order_state_from_event_name(std::string_view name);

}  // namespace kefu::chat
