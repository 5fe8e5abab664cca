#pragma once
// Audit stream records (R-ROUTE-4…10; issue 3 "Audit"): which agent, which rule chose them, who
// else was eligible and why others were not. Flat field/value pairs, ready for XADD.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "routing/router.h"
#include "routing/transfer.h"

namespace kefu::routing {

using AuditFields = std::vector<std::pair<std::string, std::string>>;

// `claimed_agent`: who the capacity claim took (empty when queued or every claim failed).
AuditFields audit_route(const RouteDecision& d, std::string_view claimed_agent);
AuditFields audit_transfer(const std::string& conversation_id, const TransferDecision& d,
                           std::string_view claimed_agent, TimePoint now);

// "a,b,c" of eligible agents; "x:offline,y:at_capacity" of the others.
std::string eligible_list(const std::vector<AgentVerdict>& v);
std::string ineligible_list(const std::vector<AgentVerdict>& v);

}  // namespace kefu::routing
