// R-SUP-2: what a supervisor's connection does beyond an agent's: monitor any conversation of
// the shop read-only, join it (the buyer and the agent are told by a system message stored in
// the conversation) and then write to it, leave it. Part of ClientSession (client_session.h).
#include "chat/client_session.h"
#include "chat/error_frames.h"
#include "chat/id_limits.h"
#include "core/keys.h"

namespace kefu::chat {

namespace {

// The conversation a pushed frame is about, if it is about one.
const std::string* conversation_of(const v1::ServerFrame& f) {
  switch (f.body_case()) {
    case v1::ServerFrame::kMessage:
      return &f.message().message().conversation_id();
    case v1::ServerFrame::kConversationAssigned:
      return &f.conversation_assigned().conversation().id();
    case v1::ServerFrame::kConversationTransferred:
      return &f.conversation_transferred().conversation_id();
    case v1::ServerFrame::kConversationEnded:
      return &f.conversation_ended().conversation_id();
    case v1::ServerFrame::kConversationJoined:
      return &f.conversation_joined().conversation_id();
    case v1::ServerFrame::kTypingChanged:
      return &f.typing_changed().conversation_id();
    case v1::ServerFrame::kReadState:
      return &f.read_state().conversation_id();
    default:
      return nullptr;
  }
}

}  // namespace

bool ClientSession::is_supervisor(const std::string& rid) {
  const v1::AgentAccount* account =
      role_ == v1::ROLE_AGENT ? ctx_.shops.agent(shop_id_, user_id_) : nullptr;
  if (account && account->supervisor()) return true;
  send_error(rid, v1::ERROR_CODE_FORBIDDEN, "only the shop's supervisors monitor or join");
  return false;
}

void ClientSession::follow(const std::string& conversation_id) {
  monitored_.insert(conversation_id);
  ctx_.registry.tap(shop_id_, shared_from_this());
}

void ClientSession::unfollow(const std::string& conversation_id) {
  monitored_.erase(conversation_id);
  if (monitored_.empty() && joined_.empty()) ctx_.registry.untap(shop_id_, this);
}

void ClientSession::on_shop_event(const v1::BusEvent& event) {
  if (!sink_) return;
  const std::string* conversation = conversation_of(event.frame());
  if (!conversation || (!monitored_.contains(*conversation) && !joined_.contains(*conversation)))
    return;
  // Their own join was answered already.
  if (event.frame().has_conversation_joined() &&
      event.frame().conversation_joined().supervisor_id() == user_id_)
    return;
  // Addressed to this user as well (the supervisor serves it): delivered already.
  for (const auto& r : event.recipients())
    if (r == recipient_) return;
  deliver(event.frame());
}

void ClientSession::on_monitor(const std::string& rid, const v1::MonitorConversation& m) {
  if (!is_supervisor(rid)) return;
  const std::string& conversation = m.conversation_id();
  if (conversation.empty() || conversation.size() > kMaxIdBytes)
    return send_error(rid, v1::ERROR_CODE_INVALID_ARGUMENT, "conversation_id is required");
  if (m.after_message_id().size() > kMaxIdBytes)
    return send_error(rid, v1::ERROR_CODE_INVALID_ARGUMENT, "after_message_id is too long");
  Cursor& cursor = cursors_[conversation];
  if (m.stop()) {
    unfollow(conversation);
    v1::ServerFrame done;
    done.set_request_id(rid);
    done.mutable_sync_done()->set_conversation_id(conversation);
    done.mutable_sync_done()->set_last_message_id(cursor.last_id);
    return send(done);
  }
  if (cursor.syncing)
    return send_error(rid, v1::ERROR_CODE_CONFLICT, "a sync of this conversation is in progress");
  // Following before reading: what arrives meanwhile is held by the cursor, nothing is missed.
  follow(conversation);
  cursor.syncing = true;
  cursor.as_supervisor = true;
  cursor.last_id = m.after_message_id();
  read_page(rid, conversation);
}

void ClientSession::on_join(const std::string& rid, const v1::JoinConversation& j) {
  if (!is_supervisor(rid)) return;
  const std::string conversation = j.conversation_id();
  if (conversation.empty() || conversation.size() > kMaxIdBytes)
    return send_error(rid, v1::ERROR_CODE_INVALID_ARGUMENT, "conversation_id is required");
  const bool leave = j.leave();
  std::weak_ptr<ClientSession> weak = shared_from_this();
  ctx_.store.set_joined(
      shop_id_, conversation, user_id_, !leave, [weak, rid, conversation, leave](JoinResult r) {
        auto self = weak.lock();
        if (!self || !self->sink_) return;
        if (r.error != StoreError::None) return self->send_store_error(rid, r.error);
        if (leave) {
          self->joined_.erase(conversation);
          if (self->monitored_.empty() && self->joined_.empty())
            self->ctx_.registry.untap(self->shop_id_, self.get());
        } else {
          self->joined_.insert(conversation);
          self->ctx_.registry.tap(self->shop_id_, self);
        }
        if (!r.changed) return self->announce_join(rid, conversation, leave, r, "");
        // Stored in the conversation's stream like any system message: a reload shows it.
        const v1::AgentAccount* me = self->ctx_.shops.agent(self->shop_id_, self->user_id_);
        const std::string name = me ? me->display_name() : self->user_id_;
        v1::Message m;
        m.set_conversation_id(conversation);
        m.set_sender_role(v1::ROLE_SYSTEM);
        m.set_sender_id(self->user_id_);
        m.set_kind(v1::MESSAGE_KIND_SYSTEM);
        m.set_text("主管 " + name + (leave ? " 离开了对话" : " 加入了对话"));
        m.set_client_message_id(std::string{leave ? "supervisor-leave:" : "supervisor-join:"} +
                                self->user_id_ + ":" + std::to_string(self->ctx_.clock.now_ms()));
        self->ctx_.store.append_message(
            self->shop_id_, std::move(m), [weak, rid, conversation, leave, r](AppendResult a) {
              auto self = weak.lock();
              if (!self) return;
              if (a.error != StoreError::None) return self->send_store_error(rid, a.error);
              self->announce_join(rid, conversation, leave, r, a.message_id);
            });
      });
}

void ClientSession::announce_join(const std::string& rid, const std::string& conversation_id,
                                  bool leave, const JoinResult& r, const std::string& message_id) {
  const v1::AgentAccount* me = ctx_.shops.agent(shop_id_, user_id_);
  v1::ServerFrame f;
  auto* joined = f.mutable_conversation_joined();
  joined->set_conversation_id(conversation_id);
  joined->set_supervisor_id(user_id_);
  joined->set_display_name(me ? me->display_name() : user_id_);
  joined->set_left(leave);
  joined->set_message_id(message_id);
  if (r.changed) {
    // Told to the buyer and the serving agent on whatever node they are.
    v1::BusEvent event;
    event.add_recipients(keys::buyer_recipient(r.buyer_id));
    if (!r.agent_id.empty() && r.agent_id != user_id_)
      event.add_recipients(keys::agent_recipient(r.agent_id));
    *event.mutable_frame() = f;
    ctx_.store.publish(shop_id_, event);
  }
  f.set_request_id(rid);
  send(f);
}

}  // namespace kefu::chat
