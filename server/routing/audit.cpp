#include "routing/audit.h"

#include <algorithm>

namespace kefu::routing {

namespace {

// A shop of hundreds of agents would write kilobytes per decision into its audit stream
// (issue 8): a list names its first kAuditListMax items and counts the rest.
constexpr std::size_t kAuditListMax = 20;

class CappedList {
 public:
  // `write(text)` appends the next item's text to `text`; past the cap it is only counted.
  template <class WriteItem>
  void add(WriteItem write) {
    if (++count_ > kAuditListMax) return;
    if (!out_.empty()) out_ += ',';
    write(out_);
  }
  std::string str() const {
    if (count_ <= kAuditListMax) return out_;
    return out_ + ",+" + std::to_string(count_ - kAuditListMax) + " more";
  }

 private:
  std::string out_;
  std::size_t count_ = 0;
};

}  // namespace

std::string eligible_list(const std::vector<AgentVerdict>& v) {
  CappedList out;
  for (const auto& a : v)
    if (a.eligible()) out.add([&](std::string& text) { text += a.agent_id; });
  return out.str();
}

std::string ineligible_list(const std::vector<AgentVerdict>& v) {
  CappedList out;
  for (const auto& a : v)
    if (!a.eligible())
      out.add([&](std::string& text) {
        text.append(a.agent_id).append(":").append(ineligible_name(a.why));
      });
  return out.str();
}

namespace {

// The rule that placed the claimed agent in the candidate list.
const Candidate* claimed(const std::vector<Candidate>& c, std::string_view agent) {
  auto it = std::find_if(c.begin(), c.end(), [&](auto& x) { return x.agent_id == agent; });
  return it == c.end() ? nullptr : &*it;
}

std::string candidate_list(const std::vector<Candidate>& c) {
  CappedList out;
  for (const auto& x : c)
    out.add([&](std::string& text) {
      text.append(x.agent_id).append(":").append(rule_name(x.rule)).append(":");
      text.append(std::to_string(x.load)).append("/").append(std::to_string(x.capacity));
    });
  return out.str();
}

}  // namespace

AuditFields audit_route(const RouteDecision& d, std::string_view claimed_agent) {
  AuditFields f{
      {"type", "route"},
      {"conversation", d.conversation_id},
      {"at_ms", std::to_string(to_ms(d.decided_at))},
      {"group", d.group.group},
      {"group_basis", std::string(order_basis_name(d.group.basis))},  // R-ROUTE-3
      {"order", d.group.order_id},
      {"order_state", std::string(order_state_name(d.group.state))},  // R-ROUTE-2
      {"group_default", d.group.used_default_group ? "1" : "0"},
      {"outcome", std::string(outcome_name(d.outcome))},
      {"priority", std::to_string(d.priority)},
      {"candidates", candidate_list(d.candidates)},
      {"eligible", eligible_list(d.verdicts)},
      {"ineligible", ineligible_list(d.verdicts)},
      {"sticky", d.sticky_note},
  };
  const Candidate* c = claimed(d.candidates, claimed_agent);
  f.emplace_back("agent", c ? c->agent_id : "");
  f.emplace_back("rule", c ? std::string(rule_id(c->rule)) : "");
  f.emplace_back("rule_name", c ? std::string(rule_name(c->rule)) : "");
  return f;
}

AuditFields audit_transfer(const std::string& conversation_id, const TransferDecision& d,
                           std::string_view claimed_agent, TimePoint now) {
  const Candidate* c = claimed(d.candidates, claimed_agent);
  return {
      {"type", std::string(transfer_kind_name(d.kind))},
      {"conversation", conversation_id},
      {"at_ms", std::to_string(to_ms(now))},
      {"result", std::string(transfer_error_name(d.error))},
      {"from", d.from_agent_id},
      {"group", d.new_group},
      {"note", d.note},
      {"candidates", candidate_list(d.candidates)},
      {"eligible", eligible_list(d.verdicts)},
      {"ineligible", ineligible_list(d.verdicts)},
      {"agent", c ? c->agent_id : ""},
      {"rule", c ? std::string(rule_id(c->rule)) : ""},
  };
}

}  // namespace kefu::routing
