#pragma once
// The facts the I/O layer records as messages flow, one log per shop (issue 5). Every KPI
// figure is recomputed from these, so any number can be explained down to the facts that made
// it. Kept plain (string ids, TimePoint times, int64 fen) so they mirror a .proto one to one.
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "core/clock.h"

namespace kefu::kpi {

// The conversation reached an agent through routing (first assignment, queue drain, supervisor
// reassignment). `pre_sale` says whether the group counts for inquiry conversion (R-KPI-6).
struct ConversationAssigned {
  std::string conversation_id;
  std::string buyer_id;
  std::string agent_id;
  std::string group_id;
  bool pre_sale = true;
  TimePoint at;
  TimePoint buyer_first_message_at;  // start of the shop view of first response (R-KPI-2)
  std::int64_t queue_wait_ms = 0;    // as routing measured it; shown in the drill-down
};

struct BuyerMessage {
  std::string conversation_id;
  std::string buyer_id;
  std::string message_id;
  TimePoint at;
};

// A message typed by a person on the shop's side (agent or supervisor).
struct AgentMessage {
  std::string conversation_id;
  std::string agent_id;
  std::string message_id;
  TimePoint at;
};

// Auto-replies and system messages: recorded so the drill-down can show that they were seen and
// ignored; they never stop a response clock (R-MSG-2).
enum class AutomaticKind { kAutoReply, kSystem };
struct AutomaticMessage {
  std::string conversation_id;
  std::string message_id;
  AutomaticKind kind = AutomaticKind::kAutoReply;
  TimePoint at;
};

struct Transferred {
  std::string conversation_id;
  std::string from_agent_id;
  std::string to_agent_id;
  std::string to_group_id;
  bool pre_sale = true;  // whether the receiving group counts for conversion
  TimePoint at;
};

enum class EndedBy { kBuyer, kAgent, kIdleTimeout, kSystem };
struct ConversationEnded {
  std::string conversation_id;
  EndedBy by = EndedBy::kBuyer;
  std::string agent_id;  // the agent who ended it (kAgent), else the agent holding it
  TimePoint at;
};

struct Rated {
  std::string conversation_id;
  std::string buyer_id;
  std::string agent_id;  // the agent who served the conversation at its end
  int score = 0;         // 1..5 (很不满意 … 很满意)
  std::string comment;
  TimePoint at;
};

struct OrderPaid {
  std::string order_id;
  std::string buyer_id;
  std::int64_t amount_fen = 0;
  TimePoint paid_at;
};

struct Complaint {
  std::string complaint_id;
  std::string conversation_id;
  std::string buyer_id;
  std::string agent_id;
  bool valid = true;  // R-SCORE-3 counts "valid complaints"; a supervisor may dismiss one
  std::string text;
  TimePoint at;
};

using Fact = std::variant<ConversationAssigned, BuyerMessage, AgentMessage, AutomaticMessage,
                          Transferred, ConversationEnded, Rated, OrderPaid, Complaint>;

// In recording order. Facts with equal times are taken in this order.
using FactLog = std::vector<Fact>;

}  // namespace kefu::kpi
