#include "routing/same_session.h"

namespace kefu::routing {

SessionDecision decide_session(const std::optional<PreviousConversation>& last, TimePoint now,
                               Millis window) {
  SessionDecision d;
  if (!last) return d;
  if (!last->agent_id.empty()) {
    d.sticky = StickyHint{last->agent_id, last->ended_at.value_or(now)};
  }
  if (!last->ended_at) {
    d.choice = SessionChoice::kContinueActive;
    d.conversation_id = last->id;
  } else if (now - *last->ended_at <= window) {
    d.choice = SessionChoice::kReopen;
    d.conversation_id = last->id;
  }
  return d;
}

}  // namespace kefu::routing
