#pragma once
// R-ROUTE-12 (same session): a buyer who writes again within 10 minutes (configurable) of the end
// continues the same conversation; later, a new conversation starts, and R-ROUTE-5 prefers the
// agent who served them.
#include <optional>
#include <string>

#include "core/clock.h"
#include "routing/agent_choice.h"

namespace kefu::routing {

struct PreviousConversation {
  std::string id;
  std::string agent_id;               // who served it (empty if never assigned)
  std::optional<TimePoint> ended_at;  // nullopt: still active
};

enum class SessionChoice {
  kContinueActive,  // the conversation is still open
  kReopen,          // ended less than the window ago: same conversation id
  kStartNew,
};

struct SessionDecision {
  SessionChoice choice = SessionChoice::kStartNew;
  std::string conversation_id;       // for kContinueActive and kReopen
  std::optional<StickyHint> sticky;  // route to the previous agent when eligible (R-ROUTE-5)
};

SessionDecision decide_session(const std::optional<PreviousConversation>& last, TimePoint now,
                               Millis window = std::chrono::minutes{10});

}  // namespace kefu::routing
