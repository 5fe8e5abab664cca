#pragma once
// Choosing among eligible agents: R-ROUTE-5 (stay with the buyer's last agent within the sticky
// window, when eligible), then R-ROUTE-6 (least loaded relative to capacity, ties to the one idle
// longest; or round-robin). The result is an ORDERED candidate list: the capacity claim (a Lua
// script) takes the first candidate that still has room, so a race lost on the first falls to
// the next. Each candidate carries the rule that placed it. The list holds the best
// kMaxCandidates: a shop of hundreds of agents would otherwise sort and copy all of them for
// every decision, while the claim nearly always takes the first (issue 8).
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/clock.h"
#include "routing/eligibility.h"
#include "routing/policy.h"

namespace kefu::routing {

enum class Rule {
  kSticky,         // R-ROUTE-5
  kLeastLoaded,    // R-ROUTE-6
  kRoundRobin,     // R-ROUTE-6, the shop's alternative
  kTransferAgent,  // R-ROUTE-10: named colleague
  kTransferGroup,  // R-ROUTE-10: another group, chosen by R-ROUTE-6 inside it
  kEscalation,     // R-ROUTE-10: to a supervisor
  kReassign,       // R-ROUTE-10: by a supervisor
};
std::string_view rule_id(Rule r);     // "R-ROUTE-5", "R-ROUTE-6", ...
std::string_view rule_name(Rule r);   // "sticky", "least_loaded", ...
std::string_view rule_label(Rule r);  // both: "R-ROUTE-5 sticky", as conversations record it

// Enough that a claim racing others almost never runs out of candidates with room; should it,
// the conversation queues and the next drain places it.
inline constexpr std::size_t kMaxCandidates = 32;

struct Candidate {
  std::string agent_id;
  Rule rule = Rule::kLeastLoaded;
  int load = 0;
  int capacity = 0;
  friend bool operator==(const Candidate&, const Candidate&) = default;
};

// The agent who served this buyer last, and when (R-ROUTE-5).
struct StickyHint {
  std::string agent_id;
  TimePoint last_served_at;
};

struct ChoiceInput {
  Strategy strategy = Strategy::kLeastLoaded;
  Millis sticky_window = std::chrono::hours{24};
  std::optional<StickyHint> sticky;
  std::string round_robin_cursor;  // the agent the group's last round-robin pick went to
};

struct Choice {
  std::vector<Candidate> candidates;  // at most kMaxCandidates, best first
  std::string sticky_note;            // why stickiness applied or not, for the audit
};

Choice choose_agents(std::span<const AgentVerdict> verdicts, const ChoiceInput& in, TimePoint now);

// R-ROUTE-6 order alone: least load/capacity first, then longest idle, then id.
bool less_loaded(const AgentVerdict& a, const AgentVerdict& b);

}  // namespace kefu::routing
