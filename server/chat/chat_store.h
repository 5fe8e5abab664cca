#pragma once
// Conversations, messages, presence and agent sessions in Redis. Every call is one Redis
// round trip (a Lua script where the step must be atomic) and answers on the calling
// worker's thread. Keys are in core/keys.h.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "kefu/v1/bus.pb.h"
#include "kefu/v1/frames.pb.h"
#include "redis/client.h"

namespace kefu::chat {

// Conflict: the state moved since it was read (look again); Full: nobody had room.
enum class StoreError { None, NotFound, Forbidden, Ended, Conflict, Full, Unavailable, Internal };
const char* to_string(StoreError e);

// Who reads or writes: the letter the Lua scripts use ("b" buyer, "a" agent) and the id.
struct Participant {
  v1::Role role = v1::ROLE_UNSPECIFIED;
  std::string id;
};

struct AppendResult {
  StoreError error = StoreError::None;
  std::string message_id;
  bool duplicate = false;
};

struct ReadResult {
  StoreError error = StoreError::None;
  std::vector<v1::Message> messages;  // in order; fewer than asked means the end was reached
};

// A conversation as stored now, and who ended it (when it has ended).
struct ConversationState {
  StoreError error = StoreError::None;
  v1::Conversation conversation;
  Participant ended_by;
};

struct OverviewResult {
  StoreError error = StoreError::None;
  v1::Presence presence = v1::PRESENCE_OFFLINE;
  std::vector<v1::Conversation> conversations;
};

// R-SUP-2: a supervisor joined (or left) a conversation.
struct JoinResult {
  StoreError error = StoreError::None;
  bool changed = false;  // false: already joined (or not joined, when leaving)
  std::string buyer_id;
  std::string agent_id;
};

struct AgentSession {
  std::string shop_id;
  std::string agent_id;
  std::int64_t expires_at_ms = 0;  // on the injected clock; 0 for sessions stored without one
};

// A keyed hash of a session token: names the session on the bus without carrying the token.
std::string session_tag(std::string_view token);

class ChatStore {
 public:
  ChatStore(redis::Client& redis, const Clock& clock);

  // Whether this worker can reach the shop's keys now (a command sent now may still fail): on
  // a single Redis its connection is up; on a Redis Cluster, the master holding the shop's slot.
  bool connected_for_shop(std::string_view shop_id) const;

  // Stores message (conversation_id, sender, kind, text, client_message_id set by the
  // caller; sent_at is set here) and announces it on the shop's bus.
  void append_message(const std::string& shop_id, v1::Message message,
                      std::function<void(AppendResult)> done);

  void read_messages(const std::string& shop_id, const Participant& reader,
                     const std::string& conversation_id, const std::string& after_id,
                     std::size_t limit, std::function<void(ReadResult)> done);

  void agent_overview(const std::string& shop_id, const std::string& agent_id,
                      std::function<void(OverviewResult)> done);

  // Issue 10: one conversation's state, for a buyer's catch-up after a bus outage. NotFound
  // when there is no such conversation.
  void conversation_state(const std::string& shop_id, const std::string& conversation_id,
                          std::function<void(ConversationState)> done);

  // R-MSG-5: the buyer's rating of their ended conversation (recorded as a KPI fact).
  void rate(const std::string& shop_id, const std::string& buyer_id,
            const std::string& conversation_id, int score, const std::string& comment,
            std::function<void(StoreError)> done);

  // R-SUP-2: the supervisor joins the conversation (may write to it) or leaves it.
  void set_joined(const std::string& shop_id, const std::string& conversation_id,
                  const std::string& supervisor_id, bool join,
                  std::function<void(JoinResult)> done);

  // Fire and forget: the event reaches every node subscribed to the shop's bus.
  void publish(const std::string& shop_id, const v1::BusEvent& event);

  // Stores the session (expiring at session.expires_at_ms on the injected clock, and after ttl
  // in Redis) and files it under its agent.
  void create_agent_session(const std::string& token, const AgentSession& session,
                            std::chrono::seconds ttl, std::function<void(bool ok)> done);
  // The session, or nothing when unknown, ended or past its expiry.
  void read_agent_session(const std::string& token,
                          std::function<void(StoreError, std::optional<AgentSession>)> done);
  // Logout (issue 10): the session ends at once; answers what it was (nothing if unknown).
  void end_agent_session(const std::string& token,
                         std::function<void(StoreError, std::optional<AgentSession>)> done);
  // A supervisor disables an agent of a shop (issue 10): every session of theirs there ends,
  // and agent_enabled() says no until they are enabled again.
  void set_agent_enabled(const std::string& shop_id, const std::string& agent_id, bool enabled,
                         std::function<void(StoreError)> done);
  void agent_enabled(const std::string& shop_id, const std::string& agent_id,
                     std::function<void(StoreError, bool enabled)> done);

 private:
  redis::Client& redis_;
  const Clock& clock_;
};

// "1700000000000-5" < "1700000000001-0": stream ids compare by (ms, seq), not as text.
int compare_message_ids(std::string_view a, std::string_view b);

const char* presence_name(v1::Presence p);  // "online" / "away" / "offline"
v1::Presence presence_from_name(std::string_view name);
v1::ConversationStatus status_from_name(std::string_view name);

}  // namespace kefu::chat
