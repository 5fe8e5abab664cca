#include "routing/transfer.h"

#include <algorithm>

namespace kefu::routing {

std::string_view transfer_kind_name(TransferKind k) {
  switch (k) {
    case TransferKind::kToAgent:
      return "transfer_agent";
    case TransferKind::kToGroup:
      return "transfer_group";
    case TransferKind::kEscalate:
      return "escalate";
    case TransferKind::kReassign:
      return "reassign";
  }
  return "";
}

std::string_view transfer_error_name(TransferError e) {
  switch (e) {
    case TransferError::kNone:
      return "ok";
    case TransferError::kConversationEnded:
      return "conversation_ended";
    case TransferError::kUnknownActor:
      return "unknown_actor";
    case TransferError::kNotYourConversation:
      return "not_your_conversation";
    case TransferError::kNotPermitted:
      return "not_permitted";
    case TransferError::kNoteRequired:
      return "note_required";
    case TransferError::kUnknownAgent:
      return "unknown_agent";
    case TransferError::kUnknownGroup:
      return "unknown_group";
    case TransferError::kSameTarget:
      return "same_target";
    case TransferError::kTargetUnavailable:
      return "target_unavailable";
    case TransferError::kNotASupervisor:
      return "not_a_supervisor";
    case TransferError::kNoSupervisorAvailable:
      return "no_supervisor_available";
  }
  return "";
}

namespace {

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

TransferError check_actor(const ShopView& shop, const ConversationView& conv,
                          const TransferRequest& req, const AgentSnapshot& actor) {
  if (req.kind == TransferKind::kReassign) {
    bool leader_of_group = actor.role == Role::kGroupLeader && actor.in_group(conv.group);
    if (!actor.supervises() && !leader_of_group) return TransferError::kNotPermitted;
    return TransferError::kNone;
  }
  // Transfer and escalation belong to the serving agent; supervisors may act for anyone.
  if (actor.id != conv.assigned_agent_id && !actor.supervises()) {
    return TransferError::kNotYourConversation;
  }
  if (shop.policy.transfer_note_required && blank(req.note)) return TransferError::kNoteRequired;
  return TransferError::kNone;
}

// Availability of a named person regardless of group: shift, presence, liveness, capacity.
// Supervisors are often off the rota: for them the shift check is skipped (leave still counts).
AgentVerdict judge_target(const ShopView& shop, const AgentSnapshot& a, TimePoint now) {
  ShiftCheck check = a.supervises() ? ShiftCheck::kSkip : ShiftCheck::kRequired;
  return judge_agent(a, "", shop, now, check);
}

void to_named_agent(const ShopView& shop, const ConversationView& conv, const AgentSnapshot& t,
                    Rule rule, TimePoint now, TransferDecision& d) {
  if (t.id == conv.assigned_agent_id) {
    d.error = TransferError::kSameTarget;
    return;
  }
  d.target_verdict = judge_target(shop, t, now);
  if (!d.target_verdict->eligible()) {
    d.error = TransferError::kTargetUnavailable;
    return;
  }
  d.new_group = t.in_group(conv.group) || t.groups.empty() ? conv.group : t.groups.front();
  d.candidates.push_back({t.id, rule, d.target_verdict->load, d.target_verdict->capacity});
}

void to_group(const ShopView& shop, const ConversationView& conv, const TransferRequest& req,
              TimePoint now, TransferDecision& d) {
  if (!shop.has_group(req.target_group)) {
    d.error = TransferError::kUnknownGroup;
    return;
  }
  d.new_group = req.target_group;
  d.verdicts = judge_group(shop, req.target_group, now);
  std::vector<AgentVerdict> others;
  for (const auto& v : d.verdicts) {
    if (v.agent_id != conv.assigned_agent_id) others.push_back(v);
  }
  ChoiceInput in{shop.policy.strategy, shop.policy.sticky_window, std::nullopt,
                 shop.cursor_of(req.target_group)};
  for (auto c : choose_agents(others, in, now).candidates) {
    c.rule = Rule::kTransferGroup;
    d.candidates.push_back(std::move(c));
  }
  // No candidate: the conversation waits in the target group's queue.
}

void escalate(const ShopView& shop, const ConversationView& conv, const TransferRequest& req,
              TimePoint now, TransferDecision& d) {
  if (!req.target_agent_id.empty()) {
    const AgentSnapshot* t = shop.agent(req.target_agent_id);
    if (!t) {
      d.error = TransferError::kUnknownAgent;
    } else if (!t->supervises()) {
      d.error = TransferError::kNotASupervisor;
    } else {
      to_named_agent(shop, conv, *t, Rule::kEscalation, now, d);
    }
    return;
  }
  std::vector<AgentVerdict> available;
  for (const auto& a : shop.agents) {
    if (!a.supervises() || a.id == conv.assigned_agent_id) continue;
    d.verdicts.push_back(judge_target(shop, a, now));
    if (d.verdicts.back().eligible()) available.push_back(d.verdicts.back());
  }
  std::sort(available.begin(), available.end(), less_loaded);
  for (const auto& v : available) {
    d.candidates.push_back({v.agent_id, Rule::kEscalation, v.load, v.capacity});
  }
  if (d.candidates.empty()) d.error = TransferError::kNoSupervisorAvailable;
  d.new_group = conv.group;
}

}  // namespace

TransferDecision decide_transfer(const ShopView& shop, const ConversationView& conv,
                                 const TransferRequest& req, TimePoint now) {
  TransferDecision d;
  d.kind = req.kind;
  d.from_agent_id = conv.assigned_agent_id;
  d.note = req.note;
  if (!conv.active) {
    d.error = TransferError::kConversationEnded;
    return d;
  }
  const AgentSnapshot* actor = shop.agent(req.actor_id);
  if (!actor) {
    d.error = TransferError::kUnknownActor;
    return d;
  }
  d.error = check_actor(shop, conv, req, *actor);
  if (!d.ok()) return d;

  switch (req.kind) {
    case TransferKind::kToAgent:
    case TransferKind::kReassign: {
      const AgentSnapshot* t = shop.agent(req.target_agent_id);
      if (!t) {
        d.error = TransferError::kUnknownAgent;
        return d;
      }
      to_named_agent(shop, conv, *t,
                     req.kind == TransferKind::kReassign ? Rule::kReassign : Rule::kTransferAgent,
                     now, d);
      break;
    }
    case TransferKind::kToGroup:
      to_group(shop, conv, req, now, d);
      break;
    case TransferKind::kEscalate:
      escalate(shop, conv, req, now, d);
      break;
  }
  return d;
}

}  // namespace kefu::routing
