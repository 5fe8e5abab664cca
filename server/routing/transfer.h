#pragma once
// R-ROUTE-10 (transfer and escalation): the serving agent may transfer a conversation to a
// colleague or another group, with a note, and escalate to a supervisor; a supervisor (or
// manager) may reassign any conversation, a group leader those of their own group. Agents must
// not push their customers to others without reason (R-ROUTE-5 [004]): hence the note.
#include <string>
#include <vector>

#include "core/clock.h"
#include "routing/agent_choice.h"
#include "routing/eligibility.h"
#include "routing/shop_view.h"

namespace kefu::routing {

enum class TransferKind { kToAgent, kToGroup, kEscalate, kReassign };
std::string_view transfer_kind_name(TransferKind k);

struct TransferRequest {
  TransferKind kind = TransferKind::kToAgent;
  std::string actor_id;
  std::string target_agent_id;  // kToAgent, kReassign; optional for kEscalate
  std::string target_group;     // kToGroup
  std::string note;
};

struct ConversationView {
  std::string id;
  std::string group;
  std::string assigned_agent_id;  // empty while queued
  bool active = true;
};

enum class TransferError {
  kNone,
  kConversationEnded,
  kUnknownActor,
  kNotYourConversation,  // only the serving agent transfers or escalates
  kNotPermitted,         // reassign needs a supervisor, manager or the group's leader
  kNoteRequired,
  kUnknownAgent,
  kUnknownGroup,
  kSameTarget,
  kTargetUnavailable,  // named agent not eligible now (verdict in `target_verdict`)
  kNotASupervisor,     // escalation to someone who is not a supervisor
  kNoSupervisorAvailable,
};
std::string_view transfer_error_name(TransferError e);

struct TransferDecision {
  TransferError error = TransferError::kNone;
  TransferKind kind = TransferKind::kToAgent;
  std::string from_agent_id;
  std::string new_group;               // the conversation's group afterwards
  std::vector<Candidate> candidates;   // ordered; empty + ok = queue in new_group
  std::vector<AgentVerdict> verdicts;  // who was considered (audit)
  std::optional<AgentVerdict> target_verdict;
  std::string note;
  bool ok() const { return error == TransferError::kNone; }
};

TransferDecision decide_transfer(const ShopView& shop, const ConversationView& conv,
                                 const TransferRequest& req, TimePoint now);

}  // namespace kefu::routing
