#pragma once
// is_on_shift for the same agents asked again and again. Every routing decision asks it of every
// agent of the group; with 200 agents that was a quarter of a decision's instructions (issue 8).
// The memo keeps each agent's answer with the span of time it holds for (on_shift_span), so a
// question inside that span is one hash lookup and any other is worked out afresh.
//
// One per worker thread (not thread-safe), for one schedule that must outlive it unchanged. It
// holds one answer per agent asked: the shop's accounts.
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/clock.h"
#include "shifts/schedule.h"

namespace kefu::shifts {

class OnShiftMemo {
 public:
  explicit OnShiftMemo(const ShopSchedule& schedule) : schedule_{&schedule} {}

  const ShopSchedule& schedule() const { return *schedule_; }
  // The same answer as is_on_shift(schedule(), agent_id, t), for any t, in any order.
  bool on_shift(std::string_view agent_id, TimePoint t);

 private:
  struct Held {
    bool on = false;
    TimePoint from;   // the instant it was worked out for
    TimePoint until;  // it holds on [from, until)
  };
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  const ShopSchedule* schedule_;
  std::unordered_map<std::string, Held, Hash, std::equal_to<>> held_;
};

}  // namespace kefu::shifts
