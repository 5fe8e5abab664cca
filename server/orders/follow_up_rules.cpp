#include "orders/follow_up_rules.h"

namespace kefu::orders {

DueTime follow_up_due(std::int64_t asked_ms, std::int64_t now_ms) {
  if (asked_ms == 0) return {now_ms + kFollowUpLimitMs, {}};
  if (asked_ms <= now_ms) return {0, "dueAtMs is in the past"};
  if (asked_ms > now_ms + kFollowUpLimitMs)
    return {0, "dueAtMs is more than 24 hours away: buyers are answered within 24 h (R-MSG-4)"};
  return {asked_ms, {}};
}

bool follow_up_overdue(std::int64_t due_ms, std::int64_t done_ms, std::int64_t now_ms) {
  return done_ms == 0 && now_ms >= due_ms;
}

}  // namespace kefu::orders
