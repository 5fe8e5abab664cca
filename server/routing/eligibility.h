#pragma once
// R-ROUTE-4 (who may take it): in the group, on shift now (R-SHIFT-1/2, not on leave), online,
// connected and active (R-SHIFT-4), and below capacity. Each verdict says why not, for the
// audit stream and the supervisor's view.
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "routing/agent_snapshot.h"
#include "routing/policy.h"
#include "routing/shop_view.h"

namespace kefu::routing {

enum class Ineligible {
  kNone,  // eligible
  kNotInGroup,
  kOnLeave,
  kOffShift,  // includes the auto-extended time after shift end (R-SHIFT-3)
  kAway,
  kOffline,
  kConnectionLost,
  kIdleTooLong,
  kAtCapacity,
};
std::string_view ineligible_name(Ineligible i);  // "off_shift", "at_capacity", ...

struct AgentVerdict {
  std::string agent_id;
  Ineligible why = Ineligible::kNone;
  int load = 0;
  int capacity = 0;
  std::optional<TimePoint> last_assigned_at;
  bool eligible() const { return why == Ineligible::kNone; }
  bool on_shift() const;  // passed the shift checks (used by R-ROUTE-9)
};

// Supervisors taking an escalation need not be on the rota (kSkip); everyone else does.
enum class ShiftCheck { kRequired, kSkip };

// `group` empty = any group (a transfer to a named colleague).
AgentVerdict judge_agent(const AgentSnapshot& a, std::string_view group, const ShopView& shop,
                         TimePoint now, ShiftCheck shift_check = ShiftCheck::kRequired);

// Verdicts for every member of `group`, in the order given.
std::vector<AgentVerdict> judge_group(const ShopView& shop, std::string_view group, TimePoint now);

}  // namespace kefu::routing
