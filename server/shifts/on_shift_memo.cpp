#include "shifts/on_shift_memo.h"

namespace kefu::shifts {

bool OnShiftMemo::on_shift(std::string_view agent_id, TimePoint t) {
  auto it = held_.find(agent_id);
  if (it != held_.end() && it->second.from <= t && t < it->second.until) return it->second.on;
  const OnShiftSpan span = on_shift_span(*schedule_, agent_id, t);
  const Held held{span.on, t, span.until};
  if (it != held_.end()) {
    it->second = held;
  } else {
    held_.emplace(std::string{agent_id}, held);
  }
  return span.on;
}

}  // namespace kefu::shifts
