#include "chat/chat_store.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <string_view>

#include "auth/hmac.h"
#include "chat/scripts.h"
#include "chat/store_replies.h"
#include "core/keys.h"
#include "core/node_metrics.h"

namespace kefu::chat {

using redis::Reply;

const char* to_string(StoreError e) {
  switch (e) {
    case StoreError::None:
      return "none";
    case StoreError::NotFound:
      return "not found";
    case StoreError::Forbidden:
      return "forbidden";
    case StoreError::Ended:
      return "conversation ended";
    case StoreError::Conflict:
      return "changed meanwhile";
    case StoreError::Full:
      return "no room";
    case StoreError::Unavailable:
      return "storage unavailable";
    case StoreError::Internal:
      return "internal error";
  }
  return "?";
}

const char* presence_name(v1::Presence p) {
  switch (p) {
    case v1::PRESENCE_ONLINE:
      return "online";
    case v1::PRESENCE_AWAY:
      return "away";
    default:
      return "offline";
  }
}

v1::Presence presence_from_name(std::string_view name) {
  if (name == "online") return v1::PRESENCE_ONLINE;
  if (name == "away") return v1::PRESENCE_AWAY;
  return v1::PRESENCE_OFFLINE;
}

v1::ConversationStatus status_from_name(std::string_view name) {
  if (name == "queued") return v1::CONVERSATION_STATUS_QUEUED;
  if (name == "assigned") return v1::CONVERSATION_STATUS_ASSIGNED;
  if (name == "ended") return v1::CONVERSATION_STATUS_ENDED;
  return v1::CONVERSATION_STATUS_UNSPECIFIED;
}

int compare_message_ids(std::string_view a, std::string_view b) {
  auto split = [](std::string_view id) {
    auto dash = id.find('-');
    std::uint64_t ms = 0, seq = 0;
    std::from_chars(id.data(), id.data() + std::min(dash, id.size()), ms);
    if (dash != std::string_view::npos)
      std::from_chars(id.data() + dash + 1, id.data() + id.size(), seq);
    return std::pair{ms, seq};
  };
  auto pa = split(a), pb = split(b);
  return pa < pb ? -1 : (pb < pa ? 1 : 0);
}

ChatStore::ChatStore(redis::Client& redis, const Clock& clock) : redis_{redis}, clock_{clock} {}

bool ChatStore::connected_for_shop(std::string_view shop_id) const {
  // Every key of a shop carries its hash tag, so any one names the shop's slot.
  return redis_.connected_for(keys::shop_key(shop_id, ""));
}

void ChatStore::append_message(const std::string& shop_id, v1::Message message,
                               std::function<void(AppendResult)> done) {
  message.set_sent_at_ms(clock_.now_ms());
  message.clear_id();
  // The message moves into the event rather than being copied (issue 8: the copy was five
  // allocations per message); it is read from there.
  v1::BusEvent event;
  *event.mutable_frame()->mutable_message()->mutable_message() = std::move(message);
  const v1::Message& m = event.frame().message().message();
  const std::string& conv = m.conversation_id();
  const std::array<std::string, 6> k{keys::conversation(shop_id, conv),
                                     keys::conversation_messages(shop_id, conv),
                                     keys::conversation_client_ids(shop_id, conv),
                                     keys::bus_channel(shop_id),
                                     keys::auto_end(shop_id),
                                     keys::kpi_facts(shop_id)};
  const std::string stored = m.SerializeAsString();
  const std::string announced = event.SerializeAsString();
  const std::string now = std::to_string(m.sent_at_ms());
  const std::array<std::string_view, 6> kv{k[0], k[1], k[2], k[3], k[4], k[5]};
  const std::array<std::string_view, 6> args{
      role_letter(m.sender_role()), m.sender_id(), m.client_message_id(), stored, announced, now};
  scripts().send_message.call(redis_, kv, args, [done = std::move(done)](const Reply& r) {
    AppendResult out;
    if (r.is_error() || r.elements.size() != 2) {
      out.error = r.is_error() ? error_of(r) : StoreError::Internal;
      return done(std::move(out));
    }
    out.duplicate = str_at(r, 0) == "dup";
    out.message_id = std::string{str_at(r, 1)};
    if (!out.duplicate) node_metrics().messages_stored.fetch_add(1, std::memory_order_relaxed);
    done(std::move(out));
  });
}

void ChatStore::set_joined(const std::string& shop_id, const std::string& conversation_id,
                           const std::string& supervisor_id, bool join,
                           std::function<void(JoinResult)> done) {
  const std::array<std::string, 2> k{keys::conversation(shop_id, conversation_id),
                                     keys::conversation_joined(shop_id, conversation_id)};
  const std::array<std::string_view, 2> kv{k[0], k[1]};
  const std::array<std::string_view, 2> args{supervisor_id, join ? "join" : "leave"};
  scripts().join_conversation.call(redis_, kv, args, [done = std::move(done)](const Reply& r) {
    JoinResult out;
    if (r.is_error() || r.elements.size() != 4) {
      out.error = r.is_error() ? error_of(r) : StoreError::Internal;
      return done(std::move(out));
    }
    out.changed = int_at(r, 0) == 1;
    out.buyer_id = std::string{str_at(r, 1)};
    out.agent_id = std::string{str_at(r, 2)};
    done(std::move(out));
  });
}

void ChatStore::read_messages(const std::string& shop_id, const Participant& reader,
                              const std::string& conversation_id, const std::string& after_id,
                              std::size_t limit, std::function<void(ReadResult)> done) {
  const std::array<std::string, 2> k{keys::conversation(shop_id, conversation_id),
                                     keys::conversation_messages(shop_id, conversation_id)};
  const std::string count = std::to_string(limit);
  const std::array<std::string_view, 2> kv{k[0], k[1]};
  const std::array<std::string_view, 4> args{role_letter(reader.role), reader.id, after_id, count};
  scripts().read_messages.call(
      redis_, kv, args, [conversation_id, done = std::move(done)](const Reply& r) {
        ReadResult out;
        if (r.is_error()) {
          out.error = error_of(r);
          return done(std::move(out));
        }
        out.messages.reserve(r.elements.size());
        for (const Reply& entry : r.elements) {
          // XRANGE entry: {id, {field, value, ...}}; the message is field "m".
          if (entry.elements.size() != 2 || entry.elements[1].elements.size() < 2) continue;
          v1::Message m;
          if (!m.ParseFromString(entry.elements[1].elements[1].str)) continue;
          m.set_id(entry.elements[0].str);
          m.set_conversation_id(conversation_id);
          out.messages.push_back(std::move(m));
        }
        done(std::move(out));
      });
}

namespace {

// The conversation fields agent_overview.lua returns for each conversation, in that order:
// {id, buyer, agent, group, status, created_at, last_message_id, order_id, rule,
//  transferred_from, transfer_note}.
constexpr std::array<std::string_view, 11> kConversationFields{
    "id",           "buyer",           "agent",    "group", "status",
    "created_at",   "last_message_id", "order_id", "rule",  "transferred_from",
    "transfer_note"};

v1::Conversation conversation_of_fields(const Reply& e, const std::string& shop_id) {
  v1::Conversation c;
  c.set_id(std::string{str_at(e, 0)});
  c.set_buyer_id(std::string{str_at(e, 1)});
  c.set_agent_id(std::string{str_at(e, 2)});
  c.set_group(std::string{str_at(e, 3)});
  c.set_status(status_from_name(str_at(e, 4)));
  c.set_created_at_ms(int_of(str_at(e, 5)));
  c.set_last_message_id(std::string{str_at(e, 6)});
  c.set_order_id(std::string{str_at(e, 7)});
  // A reloaded console still shows how it came and the transfer note (issue 6).
  c.set_routed_by(std::string{str_at(e, 8)});
  c.set_transferred_from(std::string{str_at(e, 9)});
  c.set_transfer_note(std::string{str_at(e, 10)});
  c.set_shop_id(shop_id);
  return c;
}

// "b:<buyer>", "a:<agent>", "system:auto", as end_conversation.lua and auto_end.lua write it.
Participant ended_by_of(std::string_view field) {
  const auto colon = field.find(':');
  if (colon == std::string_view::npos) return {};
  const std::string_view role = field.substr(0, colon);
  Participant p;
  p.id = std::string{field.substr(colon + 1)};
  p.role = role == "b"   ? v1::ROLE_BUYER
           : role == "a" ? v1::ROLE_AGENT
           : role == "v" ? v1::ROLE_SUPERVISOR
                         : v1::ROLE_SYSTEM;
  return p;
}

}  // namespace

void ChatStore::agent_overview(const std::string& shop_id, const std::string& agent_id,
                               std::function<void(OverviewResult)> done) {
  const std::string k = keys::agent_state(shop_id, agent_id), prefix = prefix_of(shop_id);
  const std::array<std::string_view, 1> kv{k};
  const std::array<std::string_view, 1> args{prefix};
  scripts().agent_overview.call(
      redis_, kv, args, [shop_id, done = std::move(done)](const Reply& r) {
        OverviewResult out;
        if (r.is_error() || r.elements.empty()) {
          out.error = r.is_error() ? error_of(r) : StoreError::Internal;
          return done(std::move(out));
        }
        out.presence = presence_from_name(r.elements[0].str);
        for (std::size_t i = 1; i < r.elements.size(); ++i)
          out.conversations.push_back(conversation_of_fields(r.elements[i], shop_id));
        done(std::move(out));
      });
}

void ChatStore::conversation_state(const std::string& shop_id, const std::string& conversation_id,
                                   std::function<void(ConversationState)> done) {
  const std::string k = keys::conversation(shop_id, conversation_id);
  std::array<std::string_view, kConversationFields.size() + 3> args{"HMGET", k};
  std::copy(kConversationFields.begin(), kConversationFields.end(), args.begin() + 2);
  args.back() = "ended_by";
  redis_.command(args, [shop_id, done = std::move(done)](const Reply& r) {
    ConversationState out;
    if (r.is_error() || r.elements.size() != kConversationFields.size() + 1) {
      out.error = r.is_error() ? error_of(r) : StoreError::Internal;
    } else if (r.elements[0].is_nil()) {
      out.error = StoreError::NotFound;
    } else {
      out.conversation = conversation_of_fields(r, shop_id);
      out.ended_by = ended_by_of(str_at(r, kConversationFields.size()));
    }
    done(std::move(out));
  });
}

void ChatStore::rate(const std::string& shop_id, const std::string& buyer_id,
                     const std::string& conversation_id, int score, const std::string& comment,
                     std::function<void(StoreError)> done) {
  const std::string conv = keys::conversation(shop_id, conversation_id),
                    facts = keys::kpi_facts(shop_id), score_text = std::to_string(score),
                    now = std::to_string(clock_.now_ms());
  const std::array<std::string_view, 2> k{conv, facts};
  const std::array<std::string_view, 4> a{buyer_id, score_text, comment, now};
  scripts().rate_conversation.call(redis_, k, a, [done = std::move(done)](const redis::Reply& r) {
    done(r.is_error() ? error_of(r) : StoreError::None);
  });
}

void ChatStore::publish(const std::string& shop_id, const v1::BusEvent& event) {
  const std::string channel = keys::bus_channel(shop_id), payload = event.SerializeAsString();
  // Issue 9: SPUBLISH on a cluster (the channel carries the shop's hash tag: its shard).
  redis_.command({redis_.publish_command(), channel, payload}, nullptr);
}

namespace {

// "shop\nagent\nexpires_at_ms" (sessions stored before issue 10 lack the expiry).
std::optional<AgentSession> parse_session(const Reply& r) {
  if (r.is_nil()) return std::nullopt;
  const auto nl = r.str.find('\n');
  if (nl == std::string::npos) return std::nullopt;
  AgentSession s{r.str.substr(0, nl), r.str.substr(nl + 1)};
  if (auto nl2 = s.agent_id.find('\n'); nl2 != std::string::npos) {
    s.expires_at_ms = int_of(std::string_view{s.agent_id}.substr(nl2 + 1));
    s.agent_id.resize(nl2);
  }
  return s;
}

}  // namespace

std::string session_tag(std::string_view token) {
  return auth::hmac_sha256_hex("kefu session tag", token).substr(0, 32);
}

void ChatStore::create_agent_session(const std::string& token, const AgentSession& session,
                                     std::chrono::seconds ttl, std::function<void(bool)> done) {
  const std::string key = keys::agent_session(token), secs = std::to_string(ttl.count());
  const std::string value =
      session.shop_id + '\n' + session.agent_id + '\n' + std::to_string(session.expires_at_ms);
  const std::string index = keys::agent_sessions(session.shop_id, session.agent_id);
  redis_.command({"SADD", index, token}, nullptr);
  redis_.command({"EXPIRE", index, secs}, nullptr);
  redis_.command({"SET", key, value, "EX", secs},
                 [done = std::move(done)](const Reply& r) { done(!r.is_error()); });
}

void ChatStore::read_agent_session(
    const std::string& token, std::function<void(StoreError, std::optional<AgentSession>)> done) {
  const std::string key = keys::agent_session(token);
  redis_.command({"GET", key}, [this, done = std::move(done)](const Reply& r) {
    if (r.is_error()) return done(error_of(r), std::nullopt);
    auto s = parse_session(r);
    // Redis drops the key after its TTL too; the injected clock decides first (tests move it).
    if (s && s->expires_at_ms && clock_.now_ms() >= s->expires_at_ms) s.reset();
    done(StoreError::None, std::move(s));
  });
}

void ChatStore::end_agent_session(
    const std::string& token, std::function<void(StoreError, std::optional<AgentSession>)> done) {
  const std::string key = keys::agent_session(token);
  redis_.command({"GET", key}, [this, key, token, done = std::move(done)](const Reply& r) {
    if (r.is_error()) return done(error_of(r), std::nullopt);
    auto s = parse_session(r);
    if (!s) return done(StoreError::None, std::nullopt);
    redis_.command({"SREM", keys::agent_sessions(s->shop_id, s->agent_id), token}, nullptr);
    redis_.command({"DEL", key}, [s, done](const Reply& del) {
      if (del.is_error()) return done(error_of(del), std::nullopt);
      done(StoreError::None, s);
    });
  });
}

void ChatStore::set_agent_enabled(const std::string& shop_id, const std::string& agent_id,
                                  bool enabled, std::function<void(StoreError)> done) {
  const std::string member = shop_id + '/' + agent_id;
  if (enabled) {
    redis_.command({"SREM", keys::disabled_agents(), member},
                   [done = std::move(done)](const Reply& r) {
                     done(r.is_error() ? error_of(r) : StoreError::None);
                   });
    return;
  }
  // Disabled first: a login finishing meanwhile finds the flag (it checks before storing).
  const std::string index = keys::agent_sessions(shop_id, agent_id);
  redis_.command({"SADD", keys::disabled_agents(), member}, nullptr);
  redis_.command({"SMEMBERS", index}, [this, index, done = std::move(done)](const Reply& r) {
    if (r.is_error()) return done(error_of(r));
    std::vector<std::string> sessions{index};
    for (const auto& token : r.elements) sessions.push_back(keys::agent_session(token.str));
    std::vector<std::string_view> del{"DEL"};
    del.insert(del.end(), sessions.begin(), sessions.end());
    redis_.command(std::span<const std::string_view>{del},
                   [done](const Reply& d) { done(d.is_error() ? error_of(d) : StoreError::None); });
  });
}

void ChatStore::agent_enabled(const std::string& shop_id, const std::string& agent_id,
                              std::function<void(StoreError, bool)> done) {
  redis_.command({"SISMEMBER", keys::disabled_agents(), shop_id + '/' + agent_id},
                 [done = std::move(done)](const Reply& r) {
                   if (r.is_error()) return done(error_of(r), false);
                   done(StoreError::None, r.integer == 0);
                 });
}

}  // namespace kefu::chat
