#pragma once
// The drill-down records: what each figure is made of, with its times, so a supervisor can
// check any number by hand. Built once from the facts (timeline.h), then filtered by agent and
// period (figures.h).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "kpi/facts.h"
#include "kpi/local_time.h"

namespace kefu::kpi {

// Where a measured interval falls: the local day and whether its start is inside the shop's
// assessment window (R-KPI-1). Every interval is counted in the day and window it *started* in.
struct Placement {
  LocalDate day;
  bool in_window = false;
};

enum class ReceptionKind { kAssigned, kTransferredIn };

// How a clock (a round, a first response) stopped.
enum class RoundOutcome {
  kAnswered,     // a human message from the shop's side stopped it
  kUnanswered,   // the conversation was ended by the agent, idle timeout or system with it open
  kLeftByBuyer,  // the buyer ended the conversation with it open
  kTransferred,  // the conversation left this agent (transfer/reassignment) with it open
  kPending,      // still open at `as_of`
};

// R-KPI-3: from the first unanswered buyer message (or the moment the conversation reached the
// agent, if later) to the next human reply.
struct RoundRecord {
  std::string conversation_id;
  std::string buyer_id;
  std::string agent_id;  // the agent holding the conversation; empty while queued
  bool pre_sale = true;
  TimePoint buyer_started_at;         // the buyer's first unanswered message
  TimePoint started_at;               // when the clock started for this agent
  std::optional<TimePoint> ended_at;  // reply, end or transfer; empty when pending
  RoundOutcome outcome = RoundOutcome::kPending;
  std::int64_t wait_ms = 0;  // (ended_at or as_of) - started_at
  std::string first_buyer_message_id;
  int buyer_messages = 0;
  std::string reply_message_id;
  std::string replied_by;  // may differ from agent_id (a supervisor joining, R-SUP-2)
  std::vector<std::string> ignored_automatic_message_ids;  // R-MSG-2
  bool first_of_reception = false;  // its wait is the agent's first response time (R-KPI-2)
  Placement placement;
};

// R-KPI-5 reception and R-KPI-2 agent view of first response: the first round of the reception.
struct ReceptionRecord {
  std::string conversation_id;
  std::string buyer_id;
  std::string agent_id;
  std::string group_id;
  bool pre_sale = true;
  ReceptionKind kind = ReceptionKind::kAssigned;
  TimePoint at;
  std::int64_t queue_wait_ms = 0;  // as routing recorded it (assignments only)
  // The first round this agent held in this reception; empty if the buyer never wrote again.
  std::optional<TimePoint> first_response_started_at;
  std::optional<TimePoint> first_response_ended_at;
  std::optional<RoundOutcome> first_response_outcome;
  std::int64_t first_response_ms = 0;  // valid when the outcome is kAnswered
  Placement placement;                 // of the reception itself
  std::optional<Placement> first_response_placement;
};

// R-KPI-2 shop view: the buyer's first message to the first human reply, queue included.
// Attributed to the agent of the conversation's first assignment.
struct ShopFirstResponseRecord {
  std::string conversation_id;
  std::string buyer_id;
  std::string agent_id;
  TimePoint started_at;
  std::optional<TimePoint> replied_at;
  std::string replied_by;
  RoundOutcome outcome = RoundOutcome::kPending;  // kAnswered, kPending or kUnanswered
  std::int64_t wait_ms = 0;
  std::int64_t queue_wait_ms = 0;
  Placement placement;
};

struct TransferRecord {
  std::string conversation_id;
  std::string buyer_id;
  std::string from_agent_id;
  std::string to_agent_id;
  std::string to_group_id;
  TimePoint at;
  Placement placement;
};

struct EndRecord {
  std::string conversation_id;
  std::string agent_id;
  EndedBy by = EndedBy::kBuyer;
  TimePoint at;
  LocalDate day;
};

struct RatingRecord {
  std::string conversation_id;
  std::string buyer_id;
  std::string agent_id;
  int score = 0;
  std::string comment;
  TimePoint at;
  LocalDate day;
};

struct ComplaintRecord {
  std::string complaint_id;
  std::string conversation_id;
  std::string buyer_id;
  std::string agent_id;
  bool valid = true;
  std::string text;
  TimePoint at;
  LocalDate day;
};

// R-KPI-6: an order credited to an inquiry.
struct CreditedOrder {
  std::string order_id;
  std::string buyer_id;
  std::int64_t amount_fen = 0;
  TimePoint paid_at;
  LocalDate paid_day;
  bool within_next_day = false;  // paid by the end of day D + conversion_next_day_days
};

// R-KPI-6: one pre-sale buyer served by one agent on one local day.
struct InquiryRecord {
  std::string agent_id;
  std::string buyer_id;
  LocalDate day;
  TimePoint started_at;  // the earliest counted round of this buyer with this agent that day
  TimePoint served_at;   // the agent's first human reply among those rounds
  std::vector<std::string> conversation_ids;
  std::vector<CreditedOrder> orders;
  bool settled = false;  // as_of is past the end of day D + conversion_final_days
};

}  // namespace kefu::kpi
