#include "routing/ending.h"

namespace kefu::routing {

std::string_view ended_by_name(EndedBy e) {
  switch (e) {
    case EndedBy::kBuyer:
      return "buyer";
    case EndedBy::kAgent:
      return "agent";
    case EndedBy::kSilence:
      return "silence";
  }
  return "";
}

std::string_view end_refusal_name(EndRefusal r) {
  switch (r) {
    case EndRefusal::kNone:
      return "ok";
    case EndRefusal::kAlreadyEnded:
      return "already_ended";
    case EndRefusal::kNotServingAgent:
      return "not_serving_agent";
    case EndRefusal::kBuyerQuestionUnanswered:
      return "buyer_question_unanswered";
    case EndRefusal::kNotAParticipant:
      return "not_a_participant";
  }
  return "";
}

bool ConversationTimes::buyer_answered() const {
  if (!last_buyer_message_at) return true;
  return last_agent_reply_at && *last_agent_reply_at >= *last_buyer_message_at;
}

EndRefusal check_end(const ConversationParties& conv, const ConversationTimes& times,
                     const EndRequest& req) {
  if (!conv.active) return EndRefusal::kAlreadyEnded;
  switch (req.by) {
    case EndedBy::kBuyer:
      return req.actor_id == conv.buyer_id ? EndRefusal::kNone : EndRefusal::kNotAParticipant;
    case EndedBy::kAgent:
      if (req.actor_id.empty() || req.actor_id != conv.assigned_agent_id) {
        return EndRefusal::kNotServingAgent;
      }
      return times.buyer_answered() ? EndRefusal::kNone : EndRefusal::kBuyerQuestionUnanswered;
    case EndedBy::kSilence:
      return EndRefusal::kNone;  // the caller checked auto_end_due
  }
  return EndRefusal::kNone;
}

std::optional<TimePoint> auto_end_at(const ConversationTimes& times, Millis silence) {
  if (!times.last_agent_reply_at || !times.buyer_answered()) return std::nullopt;
  return *times.last_agent_reply_at + silence;
}

bool auto_end_due(const ConversationTimes& times, Millis silence, TimePoint now) {
  auto at = auto_end_at(times, silence);
  return at && now >= *at;
}

}  // namespace kefu::routing
