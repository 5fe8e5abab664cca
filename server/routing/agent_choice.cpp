#include "routing/agent_choice.h"

#include <algorithm>

namespace kefu::routing {

std::string_view rule_id(Rule r) {
  switch (r) {
    case Rule::kSticky:
      return "R-ROUTE-5";
    case Rule::kLeastLoaded:
    case Rule::kRoundRobin:
      return "R-ROUTE-6";
    case Rule::kTransferAgent:
    case Rule::kTransferGroup:
    case Rule::kEscalation:
    case Rule::kReassign:
      return "R-ROUTE-10";
  }
  return "";
}

std::string_view rule_name(Rule r) {
  switch (r) {
    case Rule::kSticky:
      return "sticky";
    case Rule::kLeastLoaded:
      return "least_loaded";
    case Rule::kRoundRobin:
      return "round_robin";
    case Rule::kTransferAgent:
      return "transfer_agent";
    case Rule::kTransferGroup:
      return "transfer_group";
    case Rule::kEscalation:
      return "escalation";
    case Rule::kReassign:
      return "reassign";
  }
  return "";
}

std::string_view rule_label(Rule r) {
  switch (r) {
    case Rule::kSticky:
      return "R-ROUTE-5 sticky";
    case Rule::kLeastLoaded:
      return "R-ROUTE-6 least_loaded";
    case Rule::kRoundRobin:
      return "R-ROUTE-6 round_robin";
    case Rule::kTransferAgent:
      return "R-ROUTE-10 transfer_agent";
    case Rule::kTransferGroup:
      return "R-ROUTE-10 transfer_group";
    case Rule::kEscalation:
      return "R-ROUTE-10 escalation";
    case Rule::kReassign:
      return "R-ROUTE-10 reassign";
  }
  return "";
}

bool less_loaded(const AgentVerdict& a, const AgentVerdict& b) {
  // load/capacity compared without division: a.load/a.cap < b.load/b.cap.
  long lhs = static_cast<long>(a.load) * std::max(b.capacity, 1);
  long rhs = static_cast<long>(b.load) * std::max(a.capacity, 1);
  if (lhs != rhs) return lhs < rhs;
  if (a.last_assigned_at != b.last_assigned_at) {
    if (!a.last_assigned_at) return true;  // never assigned: idle longest
    if (!b.last_assigned_at) return false;
    return *a.last_assigned_at < *b.last_assigned_at;
  }
  return a.agent_id < b.agent_id;
}

namespace {

Candidate to_candidate(const AgentVerdict& v, Rule rule) {
  return Candidate{v.agent_id, rule, v.load, v.capacity};
}

// The best `n` of `eligible` in the strategy's order, best first; only those are sorted.
std::vector<const AgentVerdict*> best_in_strategy_order(std::vector<const AgentVerdict*> eligible,
                                                        const ChoiceInput& in, std::size_t n) {
  const auto middle = eligible.begin() + static_cast<long>(std::min(n, eligible.size()));
  if (in.strategy == Strategy::kLeastLoaded) {
    std::partial_sort(eligible.begin(), middle, eligible.end(),
                      [](auto* a, auto* b) { return less_loaded(*a, *b); });
  } else {
    // Round-robin: by id, starting after the cursor, wrapping around: the ids after the
    // cursor first, then the rest, each by id.
    const std::string& cursor = in.round_robin_cursor;
    std::partial_sort(eligible.begin(), middle, eligible.end(), [&](auto* a, auto* b) {
      const bool a_wrapped = a->agent_id <= cursor, b_wrapped = b->agent_id <= cursor;
      if (a_wrapped != b_wrapped) return b_wrapped;
      return a->agent_id < b->agent_id;
    });
  }
  eligible.erase(middle, eligible.end());
  return eligible;
}

}  // namespace

Choice choose_agents(std::span<const AgentVerdict> verdicts, const ChoiceInput& in, TimePoint now) {
  Choice out;
  std::vector<const AgentVerdict*> eligible;
  eligible.reserve(verdicts.size());
  const AgentVerdict* sticky = nullptr;
  for (const auto& v : verdicts) {
    if (!v.eligible()) continue;
    if (in.sticky && v.agent_id == in.sticky->agent_id) {
      sticky = &v;
    } else {
      eligible.push_back(&v);
    }
  }
  if (in.sticky) {
    const auto& hint = *in.sticky;
    bool recent = now - hint.last_served_at <= in.sticky_window;
    if (!recent) {
      out.sticky_note = "last agent " + hint.agent_id + " served over the sticky window ago";
      if (sticky) eligible.push_back(sticky);
    } else if (sticky) {
      out.sticky_note = "last agent " + hint.agent_id + " is eligible";
      out.candidates.push_back(to_candidate(*sticky, Rule::kSticky));
    } else {
      auto it = std::find_if(verdicts.begin(), verdicts.end(),
                             [&](auto& v) { return v.agent_id == hint.agent_id; });
      out.sticky_note =
          "last agent " + hint.agent_id + " not eligible: " +
          std::string(it == verdicts.end() ? "not_in_group" : ineligible_name(it->why));
    }
  }
  Rule rule = in.strategy == Strategy::kLeastLoaded ? Rule::kLeastLoaded : Rule::kRoundRobin;
  const std::size_t room = kMaxCandidates - out.candidates.size();
  const auto best = best_in_strategy_order(std::move(eligible), in, room);
  out.candidates.reserve(out.candidates.size() + best.size());
  for (const auto* v : best) out.candidates.push_back(to_candidate(*v, rule));
  return out;
}

}  // namespace kefu::routing
