#pragma once
// Routes conversations (DOMAIN.md §2, §3): reads a snapshot from Redis, lets the pure routing
// code (server/routing) decide, applies the decision with one Lua script, and announces the
// result on the shop's bus. Also the other moments that move conversations: an agent's
// presence change and an ended conversation free or add slots, which drain the queue.
// Runs on one worker's thread; answers on it.
#include <functional>
#include <optional>
#include <string>

#include "chat/chat_store.h"
#include "chat/live_agents.h"
#include "chat/routing_store.h"
#include "chat/shop_directory.h"
#include "chat/shop_schedules.h"
#include "routing/transfer.h"

namespace kefu::chat {

struct StartOutcome {
  StoreError error = StoreError::None;
  bool resumed = false;
  v1::Conversation conversation;
  std::optional<v1::QueueStatus> queue;  // set while it waits
};

struct TransferOutcome {
  StoreError store_error = StoreError::None;
  routing::TransferError rule_error = routing::TransferError::kNone;
  std::string detail;  // why a rule refused it, for the error text
  v1::Conversation conversation;
  int queue_position = 0;
};

class ConversationRouter {
 public:
  ConversationRouter(RoutingStore& store, ChatStore& chat, const Clock& clock);

  // A buyer opens (or resumes) their conversation; `opened_from` is the order id, if any.
  void start(const ShopEntry& shop, const std::string& buyer_id, const std::string& opened_from,
             std::function<void(StartOutcome)> done);
  // R-SHIFT-4: away/offline stops routing at once; online (on shift) drains the queue.
  void set_presence(const ShopEntry& shop, const v1::AgentAccount& agent, v1::Presence presence,
                    std::function<void(StoreError)> done);
  // R-ROUTE-11: ends it, tells both sides, and gives the freed slot to the queue.
  void end(const ShopEntry& shop, const Participant& who, const std::string& conversation_id,
           std::function<void(StoreError)> done);
  // R-ROUTE-10: transfer to a colleague or a group, escalate, or a supervisor's reassign.
  void transfer(const ShopEntry& shop, const std::string& actor_id,
                const v1::TransferConversation& req, std::function<void(TransferOutcome)> done);
  // R-ROUTE-1: a buyer's order changed (a platform event was stored). A waiting conversation
  // moves to the group of the new state, keeping its place; an ongoing one stays with its
  // agent; the buyer's next conversation routes by the new state anyway.
  void order_changed(const ShopEntry& shop, const std::string& buyer_id);
  // A supervisor changed the agent's capacity or rota: room or a shift may take from the queue.
  void agent_changed(const ShopEntry& shop, const v1::AgentAccount& agent) {
    drain_into(shop, agent);
  }
  // The routing tick (every few seconds): agents whose shift has started take from the queue;
  // silent conversations end (R-ROUTE-11); a gone agent's conversations return to the group.
  void tick(const ShopEntry& shop);
  // Tells everyone waiting in the group's queue their place (R-ROUTE-7), after it changed, or
  // when a buyer missed it (a bus outage).
  void announce_positions(const std::string& shop_id, const std::string& group);

 private:
  // Issue 9: conversations of agents without a heartbeat past the grace period (their node
  // died, their network is gone) go to a colleague of the group, else its queue, as a group
  // transfer on the agent's behalf. Two nodes ticking at once move each one once: the transfer
  // script refuses a conversation that moved meanwhile.
  void return_orphaned(const ShopEntry& shop);
  void drain_into(const ShopEntry& shop, const v1::AgentAccount& agent);
  // Tells both sides, records overtime (R-SHIFT-3), and gives the freed slot to the queue.
  void after_end(const ShopEntry& shop, const std::string& conversation_id, const Participant& by,
                 const std::string& buyer_id, const std::string& agent_id, int agent_load,
                 const std::string& group);
  void drain(const ShopEntry& shop, const std::vector<DrainSlot>& slots);
  void announce_assigned(const v1::Conversation& conversation);
  // R-MSG-2: the shop's automatic greeting into a new conversation.
  void greet(const ShopEntry& shop, const v1::Conversation& conversation);
  void announce_transfer(const ShopEntry& shop, v1::TransferKind kind, const std::string& actor_id,
                         const std::string& from, const OpenResult& result);
  void announce_queue(const std::string& shop_id, const std::string& buyer_id,
                      const v1::QueueStatus& status);

  RoutingStore& store_;
  ChatStore& chat_;
  const Clock& clock_;
  // This worker's, for the decisions above.
  ShopSchedules schedules_;
  LiveAgents live_agents_;
};

}  // namespace kefu::chat
