#pragma once
// R-MSG-4: a question that needs checking is answered within 24 hours. The rules for a
// follow-up's due time and when it is overdue; pure, the clock's time passed in.
#include <cstdint>
#include <optional>
#include <string>

namespace kefu::orders {

inline constexpr std::int64_t kFollowUpLimitMs = 24LL * 60 * 60 * 1000;

struct DueTime {
  std::int64_t due_ms = 0;
  std::string problem;  // why the asked time is refused; "" when fine
};

// The due time of a follow-up set at now_ms: the asked time, or 24 h from now when none was
// asked (0). Refused when in the past or more than 24 h away.
DueTime follow_up_due(std::int64_t asked_ms, std::int64_t now_ms);

// Not done and its due time has passed.
bool follow_up_overdue(std::int64_t due_ms, std::int64_t done_ms, std::int64_t now_ms);

}  // namespace kefu::orders
