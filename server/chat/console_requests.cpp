#include "chat/console_requests.h"

#include <algorithm>
#include <array>

#include "chat/error_frames.h"
#include "chat/id_limits.h"
#include "chat/quick_replies.h"
#include "chat/scripts.h"
#include "chat/store_replies.h"
#include "core/keys.h"

namespace kefu::chat {

namespace {

constexpr int kDefaultHistory = 5;
constexpr int kMaxHistory = 20;
constexpr int kHistoryMessages = 50;

bool bad_id(const std::string& id) { return id.empty() || id.size() > kMaxIdBytes; }

v1::ServerFrame answer(const std::string& rid) {
  v1::ServerFrame f;
  f.set_request_id(rid);
  return f;
}

v1::Message message_of(const redis::Reply& entry, const std::string& conversation_id) {
  // XRANGE entry: {id, {field, value, ...}}; the message is field "m".
  v1::Message m;
  if (entry.elements.size() == 2 && entry.elements[1].elements.size() >= 2)
    m.ParseFromString(entry.elements[1].elements[1].str);
  m.set_id(entry.elements.empty() ? "" : entry.elements[0].str);
  m.set_conversation_id(conversation_id);
  return m;
}

}  // namespace

bool ConsoleRequests::serves(v1::ClientFrame::BodyCase body) const {
  switch (body) {
    case v1::ClientFrame::kSetTyping:
    case v1::ClientFrame::kMarkRead:
    case v1::ClientFrame::kListQuickReplies:
    case v1::ClientFrame::kSaveQuickReply:
    case v1::ClientFrame::kDeleteQuickReply:
    case v1::ClientFrame::kListBuyerHistory:
      return true;
    default:
      return false;
  }
}

void ConsoleRequests::handle(const Requester& who, const v1::ClientFrame& frame, Reply reply) {
  const std::string& rid = frame.request_id();
  switch (frame.body_case()) {
    case v1::ClientFrame::kSetTyping:
      return set_typing(who, rid, frame.set_typing(), std::move(reply));
    case v1::ClientFrame::kMarkRead:
      return mark_read(who, rid, frame.mark_read(), std::move(reply));
    default:
      break;
  }
  // Quick replies and the buyer's history are the shop staff's tools.
  if (who.role != v1::ROLE_AGENT)
    return void(reply(error_frame(rid, v1::ERROR_CODE_FORBIDDEN, "only the shop's agents")));
  switch (frame.body_case()) {
    case v1::ClientFrame::kListQuickReplies:
      return list_quick_replies(who, rid, std::move(reply));
    case v1::ClientFrame::kSaveQuickReply:
      return save_quick_reply(who, rid, frame.save_quick_reply(), std::move(reply));
    case v1::ClientFrame::kDeleteQuickReply:
      return delete_quick_reply(who, rid, frame.delete_quick_reply(), std::move(reply));
    case v1::ClientFrame::kListBuyerHistory:
      return list_history(who, rid, frame.list_buyer_history(), std::move(reply));
    default:
      return void(reply(error_frame(rid, v1::ERROR_CODE_UNKNOWN_TYPE, "unknown request type")));
  }
}

void ConsoleRequests::tell_other_party(const Requester& who, const std::string& buyer,
                                       const std::string& agent, const v1::ServerFrame& frame) {
  const std::string other = who.role == v1::ROLE_BUYER
                                ? (agent.empty() ? "" : keys::agent_recipient(agent))
                                : keys::buyer_recipient(buyer);
  if (other.empty()) return;  // queued: no agent to tell yet
  v1::BusEvent event;
  event.add_recipients(other);
  *event.mutable_frame() = frame;
  event.mutable_frame()->clear_request_id();
  store_.publish(who.shop_id, event);
}

void ConsoleRequests::set_typing(const Requester& who, const std::string& rid,
                                 const v1::SetTyping& t, Reply reply) {
  if (bad_id(t.conversation_id()))
    return void(
        reply(error_frame(rid, v1::ERROR_CODE_INVALID_ARGUMENT, "conversation_id is required")));
  const std::string key = keys::conversation(who.shop_id, t.conversation_id());
  // Read only, and nothing is stored: a typing hint needs no atomic step.
  redis_.command({"HMGET", key, "buyer", "agent", "status"},
                 [this, who, rid, t, reply = std::move(reply)](const redis::Reply& r) {
                   if (r.is_error()) return void(reply(store_error_frame(rid, error_of(r))));
                   const std::string buyer{str_at(r, 0)}, agent{str_at(r, 1)};
                   if (buyer.empty())
                     return void(reply(store_error_frame(rid, StoreError::NotFound)));
                   const bool party =
                       who.role == v1::ROLE_BUYER ? buyer == who.user_id : agent == who.user_id;
                   if (!party) return void(reply(store_error_frame(rid, StoreError::Forbidden)));
                   v1::ServerFrame f = answer(rid);
                   auto* typing = f.mutable_typing_changed();
                   typing->set_conversation_id(t.conversation_id());
                   typing->set_role(who.role == v1::ROLE_BUYER ? v1::ROLE_BUYER : v1::ROLE_AGENT);
                   typing->set_user_id(who.user_id);
                   // Nobody is told someone types into an ended conversation.
                   typing->set_typing(t.typing() && str_at(r, 2) != "ended");
                   tell_other_party(who, buyer, agent, f);
                   reply(std::move(f));
                 });
}

void ConsoleRequests::mark_read(const Requester& who, const std::string& rid, const v1::MarkRead& m,
                                Reply reply) {
  if (bad_id(m.conversation_id()) || bad_id(m.message_id()))
    return void(reply(error_frame(rid, v1::ERROR_CODE_INVALID_ARGUMENT,
                                  "conversation_id and message_id are required")));
  const std::string key = keys::conversation(who.shop_id, m.conversation_id());
  const std::array<std::string_view, 1> k{key};
  const std::array<std::string_view, 3> a{role_letter(who.role), who.user_id, m.message_id()};
  scripts().mark_read.call(
      redis_, k, a,
      [this, who, rid, conv = m.conversation_id(),
       reply = std::move(reply)](const redis::Reply& r) {
        if (r.is_error() || r.elements.size() != 4)
          return void(
              reply(store_error_frame(rid, r.is_error() ? error_of(r) : StoreError::Internal)));
        v1::ServerFrame f = answer(rid);
        auto* state = f.mutable_read_state();
        state->set_conversation_id(conv);
        state->set_buyer_read_id(std::string{str_at(r, 2)});
        state->set_agent_read_id(std::string{str_at(r, 3)});
        tell_other_party(who, std::string{str_at(r, 0)}, std::string{str_at(r, 1)}, f);
        reply(std::move(f));
      });
}

void ConsoleRequests::list_quick_replies(const Requester& who, const std::string& rid,
                                         Reply reply) {
  const ShopEntry* shop = shops_.shop(who.shop_id);
  if (!shop) return void(reply(error_frame(rid, v1::ERROR_CODE_NOT_FOUND, "shop not configured")));
  std::vector<v1::QuickReply> shared = shop_quick_replies(shop->config);
  const std::string key = keys::agent_quick_replies(who.shop_id, who.user_id);
  redis_.command({"HGETALL", key}, [rid, shared = std::move(shared),
                                    reply = std::move(reply)](const redis::Reply& r) {
    if (r.is_error()) return void(reply(store_error_frame(rid, error_of(r))));
    v1::ServerFrame f = answer(rid);
    auto* list = f.mutable_quick_reply_list();
    for (const auto& q : shared) *list->add_replies() = q;
    std::vector<v1::QuickReply> own;
    for (std::size_t i = 1; i < r.elements.size(); i += 2) {
      v1::QuickReply q;
      if (q.ParseFromString(r.elements[i].str)) own.push_back(std::move(q));
    }
    // Oldest first: ids are a counter.
    std::sort(own.begin(), own.end(),
              [](const auto& a, const auto& b) { return int_of(a.id()) < int_of(b.id()); });
    for (auto& q : own) *list->add_replies() = std::move(q);
    reply(std::move(f));
  });
}

void ConsoleRequests::save_quick_reply(const Requester& who, const std::string& rid,
                                       const v1::SaveQuickReply& s, Reply reply) {
  if (s.id().size() > kMaxIdBytes || s.id().starts_with("shop:"))
    return void(reply(error_frame(rid, v1::ERROR_CODE_FORBIDDEN,
                                  "the shop's quick replies are changed in its configuration")));
  if (auto problem = quick_reply_problem(s.shortcut(), s.text()); !problem.empty())
    return void(reply(error_frame(rid, v1::ERROR_CODE_INVALID_ARGUMENT, problem)));
  v1::QuickReply q;
  q.set_shortcut(s.shortcut());
  q.set_text(s.text());
  const std::string stored = q.SerializeAsString(), limit = std::to_string(kMaxOwnQuickReplies);
  const std::string k0 = keys::agent_quick_replies(who.shop_id, who.user_id),
                    k1 = keys::quick_reply_counter(who.shop_id);
  const std::array<std::string_view, 2> k{k0, k1};
  const std::array<std::string_view, 3> a{s.id(), stored, limit};
  scripts().save_quick_reply.call(
      redis_, k, a, [this, who, rid, reply = std::move(reply)](const redis::Reply& r) mutable {
        if (r.is_error()) {
          const StoreError e = error_of(r);
          if (e == StoreError::Full)
            return void(reply(error_frame(rid, v1::ERROR_CODE_INVALID_ARGUMENT,
                                          "at most 200 quick replies of your own")));
          return void(reply(store_error_frame(rid, e, "quick reply")));
        }
        list_quick_replies(who, rid, std::move(reply));
      });
}

void ConsoleRequests::delete_quick_reply(const Requester& who, const std::string& rid,
                                         const v1::DeleteQuickReply& d, Reply reply) {
  if (bad_id(d.id()) || d.id().starts_with("shop:"))
    return void(reply(error_frame(rid, v1::ERROR_CODE_INVALID_ARGUMENT,
                                  "id of one of your own quick replies is required")));
  const std::string key = keys::agent_quick_replies(who.shop_id, who.user_id);
  redis_.command({"HDEL", key, d.id()}, [this, who, rid,
                                         reply = std::move(reply)](const redis::Reply& r) mutable {
    if (r.is_error()) return void(reply(store_error_frame(rid, error_of(r))));
    if (r.integer == 0)
      return void(reply(store_error_frame(rid, StoreError::NotFound, "quick reply")));
    list_quick_replies(who, rid, std::move(reply));
  });
}

void ConsoleRequests::list_history(const Requester& who, const std::string& rid,
                                   const v1::ListBuyerHistory& l, Reply reply) {
  if (bad_id(l.conversation_id()))
    return void(
        reply(error_frame(rid, v1::ERROR_CODE_INVALID_ARGUMENT, "conversation_id is required")));
  if (l.limit() < 0 || l.limit() > kMaxHistory)
    return void(reply(error_frame(rid, v1::ERROR_CODE_INVALID_ARGUMENT, "limit: 1 to 20")));
  const int limit = l.limit() ? l.limit() : kDefaultHistory;
  const std::string key = keys::conversation(who.shop_id, l.conversation_id()),
                    prefix = prefix_of(who.shop_id), n = std::to_string(limit),
                    per = std::to_string(kHistoryMessages);
  const std::string reader = who.supervisor ? "" : who.user_id;
  const std::array<std::string_view, 1> k{key};
  const std::array<std::string_view, 4> a{prefix, reader, n, per};
  scripts().buyer_history.call(
      redis_, k, a, [shop = who.shop_id, rid, reply = std::move(reply)](const redis::Reply& r) {
        if (r.is_error() || r.elements.empty())
          return void(
              reply(store_error_frame(rid, r.is_error() ? error_of(r) : StoreError::Internal)));
        v1::ServerFrame f = answer(rid);
        auto* history = f.mutable_buyer_history();
        history->set_buyer_id(r.elements[0].str);
        for (std::size_t i = 1; i < r.elements.size(); ++i) {
          const redis::Reply& e = r.elements[i];
          if (e.elements.size() != 8) continue;
          auto* past = history->add_conversations();
          auto* c = past->mutable_conversation();
          c->set_id(std::string{str_at(e, 0)});
          c->set_shop_id(shop);
          c->set_buyer_id(r.elements[0].str);
          c->set_agent_id(std::string{str_at(e, 1)});
          c->set_group(std::string{str_at(e, 2)});
          c->set_status(status_from_name(str_at(e, 3)));
          c->set_created_at_ms(int_of(str_at(e, 4)));
          past->set_ended_at_ms(int_of(str_at(e, 5)));
          c->set_order_id(std::string{str_at(e, 6)});
          const auto& entries = e.elements[7].elements;  // newest first
          for (auto it = entries.rbegin(); it != entries.rend(); ++it)
            *past->add_messages() = message_of(*it, c->id());
          if (!past->messages().empty()) c->set_last_message_id(past->messages().rbegin()->id());
        }
        reply(std::move(f));
      });
}

}  // namespace kefu::chat
