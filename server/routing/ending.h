#pragma once
// R-ROUTE-11 (no arbitrary closing): a conversation ends when the buyer ends it, when the
// serving agent ends it after the buyer's question was answered (recorded, counted in the
// agent's figures), or after the buyer is silent for a configurable time (default 10 min) after
// the agent's last reply. Only human replies count as answers (R-MSG-2): the I/O layer passes
// the time of the last human agent message, never an auto-reply's.
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"

namespace kefu::routing {

enum class EndedBy { kBuyer, kAgent, kSilence };
std::string_view ended_by_name(EndedBy e);  // "buyer", "agent", "silence"

struct ConversationTimes {
  std::optional<TimePoint> last_buyer_message_at;
  std::optional<TimePoint> last_agent_reply_at;  // human replies only (R-MSG-2)
  // The buyer's last message has a reply after it (or the buyer has not written).
  bool buyer_answered() const;
};

enum class EndRefusal {
  kNone,
  kAlreadyEnded,
  kNotServingAgent,          // only the assigned agent ends it (supervisors: reassign)
  kBuyerQuestionUnanswered,  // reply first (R-ROUTE-11, R-MSG-1)
  kNotAParticipant,          // a buyer ending someone else's conversation
};
std::string_view end_refusal_name(EndRefusal r);

struct EndRequest {
  EndedBy by = EndedBy::kBuyer;
  std::string actor_id;  // the buyer id or the agent id
};

struct ConversationParties {
  std::string buyer_id;
  std::string assigned_agent_id;
  bool active = true;
};

EndRefusal check_end(const ConversationParties& conv, const ConversationTimes& times,
                     const EndRequest& req);

// When the silence rule ends the conversation: the agent's last reply + silence, while the
// buyer has not written after it. nullopt while the buyer waits for an answer, or before any
// reply.
std::optional<TimePoint> auto_end_at(const ConversationTimes& times, Millis silence);
bool auto_end_due(const ConversationTimes& times, Millis silence, TimePoint now);

}  // namespace kefu::routing
