#include "chat/client_session.h"

#include <algorithm>
#include <chrono>

#include <spdlog/spdlog.h>

#include "auth/buyer_token.h"
#include "chat/error_frames.h"
#include "chat/id_limits.h"
#include "chat/image_ref.h"
#include "core/keys.h"
#include "core/node_metrics.h"

namespace kefu::chat {

namespace {
constexpr std::size_t kMaxTextBytes = 16 * 1024;
constexpr std::size_t kMaxTransferNoteBytes = 1000;
constexpr std::size_t kMaxRatingCommentBytes = 500;
// 50 messages of at most 16 KiB: a page stays well under the send queue's limit.
constexpr std::size_t kSyncPage = 50;

// What a catch-up after a bus outage tells of a conversation that ended in the gap.
void set_ended(v1::ServerFrame& f, const std::string& conversation_id, const Participant& by) {
  auto* ended = f.mutable_conversation_ended();
  ended->set_conversation_id(conversation_id);
  ended->set_ended_by_role(by.role);
  ended->set_ended_by(by.id);
  ended->set_rating_invited(true);  // R-MSG-5: every conversation, whoever ended it
}
}  // namespace

ClientSession::ClientSession(WorkerContext& ctx, FrameSink& sink) : ctx_{ctx}, sink_{&sink} {}

ClientSession::~ClientSession() = default;

void ClientSession::detach() {
  // R-SUP-2: a closed connection ends its monitoring (a join stays: the supervisor rejoins).
  if (!monitored_.empty() || !joined_.empty()) ctx_.registry.untap(shop_id_, this);
  monitored_.clear();
  joined_.clear();
  for (RequestHandler* handler : ctx_.requests) handler->connection_closed(this);
  if (!recipient_.empty()) ctx_.registry.remove(shop_id_, recipient_, this);
  if (!session_recipient_.empty()) ctx_.registry.remove(shop_id_, session_recipient_, this);
  recipient_.clear();
  session_recipient_.clear();
  sink_ = nullptr;
}

void ClientSession::send(const v1::ServerFrame& frame) {
  if (sink_) sink_->send(frame);
}

void ClientSession::send_error(const std::string& request_id, v1::ErrorCode code,
                               const std::string& text, bool retryable) {
  send(error_frame(request_id, code, text, retryable));
}

void ClientSession::send_store_error(const std::string& request_id, StoreError e) {
  send(store_error_frame(request_id, e));
}

void ClientSession::end_session(const std::string& why) {
  if (!sink_) return;
  send_error({}, v1::ERROR_CODE_UNAUTHENTICATED, why);
  sink_->close(1008, why);  // policy violation: the credentials are no longer good
  detach();
}

bool ClientSession::end_session_if_expired() {
  if (!sink_ || !session_expires_ms_) return false;
  if (ctx_.clock.now_ms() < session_expires_ms_) return true;
  end_session("session expired, log in again");
  return false;
}

void ClientSession::on_frame(v1::ClientFrame& frame) {
  const std::string& rid = frame.request_id();
  // Issue 10: a session that expired while its socket was open ends at once (the connection's
  // timer, end_session_if_expired), and at the latest here, before its frame is served.
  if (session_expires_ms_ && !end_session_if_expired()) return;  // it has just ended
  // R-SHIFT-4: any frame shows the agent's connection is alive; all but pings show activity.
  if (role_ == v1::ROLE_AGENT) touch(frame.body_case() != v1::ClientFrame::kPing);
  if (frame.body_case() == v1::ClientFrame::kPing) {
    v1::ServerFrame f;
    f.set_request_id(rid);
    f.mutable_pong()->set_server_time_ms(ctx_.clock.now_ms());
    return send(f);
  }
  if (frame.body_case() == v1::ClientFrame::kHello) return on_hello(rid, frame.hello());
  if (!authenticated())
    return send_error(rid, v1::ERROR_CODE_UNAUTHENTICATED, "send hello with a token first");
  switch (frame.body_case()) {
    case v1::ClientFrame::kSetPresence:
      return on_set_presence(rid, frame.set_presence());
    case v1::ClientFrame::kStartConversation:
      return on_start(rid, frame.start_conversation());
    case v1::ClientFrame::kSyncConversation:
      return on_sync(rid, frame.sync_conversation());
    case v1::ClientFrame::kSendMessage:
      return on_send(rid, *frame.mutable_send_message());
    case v1::ClientFrame::kEndConversation:
      return on_end(rid, frame.end_conversation());
    case v1::ClientFrame::kTransferConversation:
      return on_transfer(rid, frame.transfer_conversation());
    case v1::ClientFrame::kWriteHandover:
      return on_write_handover(rid, frame.write_handover());
    case v1::ClientFrame::kListHandovers:
      return on_list_handovers(rid, frame.list_handovers());
    case v1::ClientFrame::kRateConversation:
      return on_rate(rid, frame.rate_conversation());
    case v1::ClientFrame::kMonitorConversation:
      return on_monitor(rid, frame.monitor_conversation());
    case v1::ClientFrame::kJoinConversation:
      return on_join(rid, frame.join_conversation());
    default:
      for (RequestHandler* handler : ctx_.requests)
        if (handler->serves(frame.body_case())) return delegate(*handler, frame);
      return send_error(rid, v1::ERROR_CODE_UNKNOWN_TYPE, "unknown request type");
  }
}

void ClientSession::delegate(RequestHandler& handler, const v1::ClientFrame& frame) {
  const v1::AgentAccount* account =
      role_ == v1::ROLE_AGENT ? ctx_.shops.agent(shop_id_, user_id_) : nullptr;
  Requester who{shop_id_, user_id_, role_, account && account->supervisor(), this};
  std::weak_ptr<ClientSession> weak = shared_from_this();
  handler.handle(who, frame, [weak](v1::ServerFrame answer) {
    auto self = weak.lock();
    if (!self || !self->sink_) return false;
    self->send(answer);
    return true;
  });
}

void ClientSession::enter(v1::Role role, const std::string& shop_id, const std::string& user_id,
                          const std::string&) {
  role_ = role;
  shop_id_ = shop_id;
  user_id_ = user_id;
  recipient_ =
      role == v1::ROLE_BUYER ? keys::buyer_recipient(user_id) : keys::agent_recipient(user_id);
  // Registered before anything is read, so no event between the read and now is missed.
  ctx_.registry.add(shop_id_, recipient_, shared_from_this());
}

void ClientSession::on_hello(const std::string& rid, const v1::Hello& hello) {
  if (authenticated() || hello_pending_)
    return send_error(rid, v1::ERROR_CODE_INVALID_ARGUMENT, "hello was already sent");

  if (hello.credential_case() == v1::Hello::kBuyerToken) {
    const std::string& token = hello.buyer_token();
    auto claims = auth::read_buyer_token_unverified(token);
    const ShopEntry* shop = claims ? ctx_.shops.shop(claims->shop_id) : nullptr;
    if (!shop)
      return send_error(rid, v1::ERROR_CODE_UNAUTHENTICATED,
                        "buyer token: unknown shop or malformed");
    auth::BuyerClaims verified;
    auto check = auth::verify_buyer_token(token, claims->shop_id, shop->config.buyer_token_secret(),
                                          ctx_.clock.now_ms(), &verified);
    if (check != auth::TokenCheck::Ok)
      return send_error(rid, v1::ERROR_CODE_UNAUTHENTICATED,
                        std::string{"buyer token: "} + auth::to_string(check));
    // Issue 10: a buyer's token is checked without Redis, but nothing a buyer asks for can be
    // served without it: while this worker cannot reach Redis the hello is refused, retryable,
    // as an agent's is (its session lives in Redis). On a Redis Cluster only the shop's master
    // counts: a master failing over elsewhere does not turn this shop's buyers away.
    if (!ctx_.store.connected_for_shop(verified.shop_id))
      return send_store_error(rid, StoreError::Unavailable);
    enter(v1::ROLE_BUYER, verified.shop_id, verified.buyer_id, verified.buyer_id);
    v1::ServerFrame f;
    f.set_request_id(rid);
    auto* w = f.mutable_welcome();
    w->set_role(v1::ROLE_BUYER);
    w->set_user_id(user_id_);
    w->set_shop_id(shop_id_);
    w->set_display_name(shop->config.display_name());
    w->set_server_time_ms(ctx_.clock.now_ms());
    return send(f);
  }

  if (hello.credential_case() != v1::Hello::kAgentSessionToken)
    return send_error(rid, v1::ERROR_CODE_UNAUTHENTICATED, "hello needs a token");
  hello_pending_ = true;
  std::weak_ptr<ClientSession> weak = shared_from_this();
  // Logout reaches this socket through its session's own address (issue 10); registered
  // there once the session is known.
  session_recipient_ = keys::session_recipient(session_tag(hello.agent_session_token()));
  ctx_.store.read_agent_session(
      hello.agent_session_token(),
      [weak, rid, wanted_shop = hello.shop_id()](StoreError err, std::optional<AgentSession> s) {
        auto self = weak.lock();
        if (!self || !self->sink_) return;
        self->hello_pending_ = false;
        if (err != StoreError::None) return self->send_store_error(rid, err);
        if (!s)
          return self->send_error(rid, v1::ERROR_CODE_UNAUTHENTICATED,
                                  "session expired or unknown, log in again");
        if (!wanted_shop.empty() && wanted_shop != s->shop_id)
          return self->send_error(rid, v1::ERROR_CODE_FORBIDDEN,
                                  "this session is for another shop");
        const v1::AgentAccount* agent = self->ctx_.shops.agent(s->shop_id, s->agent_id);
        if (!agent)
          return self->send_error(rid, v1::ERROR_CODE_UNAUTHENTICATED,
                                  "agent no longer configured");
        self->enter(v1::ROLE_AGENT, s->shop_id, s->agent_id, agent->display_name());
        self->session_expires_ms_ = s->expires_at_ms;
        self->ctx_.registry.add(self->shop_id_, self->session_recipient_, self);
        self->welcome_agent(rid);
      });
}

void ClientSession::welcome_agent(const std::string& rid) {
  std::weak_ptr<ClientSession> weak = shared_from_this();
  ctx_.store.agent_overview(shop_id_, user_id_, [weak, rid](OverviewResult r) {
    auto self = weak.lock();
    if (!self || !self->sink_) return;
    if (r.error != StoreError::None) return self->send_store_error(rid, r.error);
    const v1::AgentAccount* agent = self->ctx_.shops.agent(self->shop_id_, self->user_id_);
    v1::ServerFrame f;
    f.set_request_id(rid);
    auto* w = f.mutable_welcome();
    w->set_role(v1::ROLE_AGENT);
    w->set_user_id(self->user_id_);
    w->set_shop_id(self->shop_id_);
    w->set_display_name(agent ? agent->display_name() : self->user_id_);
    w->set_presence(r.presence);
    w->set_server_time_ms(self->ctx_.clock.now_ms());
    for (auto& c : r.conversations) {
      self->told_assigned_.insert(c.id());
      *w->add_conversations() = std::move(c);
    }
    const ShopEntry* shop = self->ctx_.shops.shop(self->shop_id_);
    if (!shop || !agent) return self->send(f);
    w->set_group(agent->group());
    const auto& kpi = shop->kpi.settings;
    w->set_fast_reply_seconds(static_cast<std::uint32_t>(
        std::chrono::duration_cast<std::chrono::seconds>(kpi.fast_reply).count()));
    w->set_slow_reply_seconds(static_cast<std::uint32_t>(
        std::chrono::duration_cast<std::chrono::seconds>(kpi.slow_reply).count()));
    // Who a conversation may be transferred to (R-ROUTE-10).
    for (const auto& g : shop->config.groups()) {
      auto* info = w->add_groups();
      info->set_id(g.id());
      info->set_display_name(g.display_name());
    }
    for (const auto& a : shop->config.agents()) {
      if (a.id() == self->user_id_) continue;
      auto* c = w->add_colleagues();
      c->set_id(a.id());
      c->set_display_name(a.display_name());
      c->set_group(a.group());
      c->set_supervisor(a.supervisor());
    }
    self->ctx_.handovers.shift_of(
        *shop, self->user_id_, [weak, f = std::move(f)](StoreError e, v1::ShiftInfo shift) mutable {
          auto self = weak.lock();
          if (!self || !self->sink_) return;
          // No shift shown is better than no console: it is a hint.
          if (e == StoreError::None) *f.mutable_welcome()->mutable_shift() = std::move(shift);
          self->send(f);
        });
  });
}

void ClientSession::on_set_presence(const std::string& rid, const v1::SetPresence& p) {
  if (role_ != v1::ROLE_AGENT)
    return send_error(rid, v1::ERROR_CODE_FORBIDDEN, "only agents have a presence");
  if (p.presence() == v1::PRESENCE_UNSPECIFIED || !v1::Presence_IsValid(p.presence()))
    return send_error(rid, v1::ERROR_CODE_INVALID_ARGUMENT,
                      "presence must be online, away or offline");
  const ShopEntry* shop = ctx_.shops.shop(shop_id_);
  const v1::AgentAccount* agent = ctx_.shops.agent(shop_id_, user_id_);
  if (!shop || !agent) return send_error(rid, v1::ERROR_CODE_NOT_FOUND, "agent not configured");
  std::weak_ptr<ClientSession> weak = shared_from_this();
  const v1::Presence presence = p.presence();
  ctx_.router.set_presence(*shop, *agent, presence, [weak, rid, presence](StoreError e) {
    auto self = weak.lock();
    if (!self) return;
    if (e != StoreError::None) return self->send_store_error(rid, e);
    v1::ServerFrame f;
    f.set_request_id(rid);
    f.mutable_presence_changed()->set_agent_id(self->user_id_);
    f.mutable_presence_changed()->set_presence(presence);
    self->send(f);
  });
}

void ClientSession::touch(bool activity) {
  // At most one write per interval: a busy agent sends many frames.
  const TimePoint now = ctx_.clock.now();
  if (!activity && now - last_touch_ < kTouchInterval) return;
  if (activity && now - last_activity_touch_ < kTouchInterval) return;
  last_touch_ = now;
  if (activity) last_activity_touch_ = now;
  ctx_.routing.touch_agent(shop_id_, user_id_, activity);
}

void ClientSession::on_end(const std::string& rid, const v1::EndConversation& e) {
  if (e.conversation_id().empty() || e.conversation_id().size() > kMaxIdBytes)
    return send_error(rid, v1::ERROR_CODE_INVALID_ARGUMENT, "conversation_id is required");
  const ShopEntry* shop = ctx_.shops.shop(shop_id_);
  if (!shop) return send_error(rid, v1::ERROR_CODE_NOT_FOUND, "shop not configured");
  std::weak_ptr<ClientSession> weak = shared_from_this();
  // Every party gets the ConversationEnded event (this client too); the request is answered
  // with it as well, so a client waiting for its answer is not left to time out.
  ctx_.router.end(*shop, me(), e.conversation_id(),
                  [weak, rid, conv = e.conversation_id()](StoreError err) {
                    auto self = weak.lock();
                    if (!self) return;
                    if (err != StoreError::None) return self->send_store_error(rid, err);
                    v1::ServerFrame f;
                    f.set_request_id(rid);
                    auto* ended = f.mutable_conversation_ended();
                    ended->set_conversation_id(conv);
                    ended->set_ended_by_role(self->role_);
                    ended->set_ended_by(self->user_id_);
                    ended->set_rating_invited(true);
                    self->send(f);
                  });
}

void ClientSession::on_transfer(const std::string& rid, const v1::TransferConversation& t) {
  if (role_ != v1::ROLE_AGENT)
    return send_error(rid, v1::ERROR_CODE_FORBIDDEN, "only agents and supervisors transfer");
  if (t.conversation_id().empty() || t.conversation_id().size() > kMaxIdBytes)
    return send_error(rid, v1::ERROR_CODE_INVALID_ARGUMENT, "conversation_id is required");
  if (t.kind() == v1::TRANSFER_KIND_UNSPECIFIED || !v1::TransferKind_IsValid(t.kind()))
    return send_error(rid, v1::ERROR_CODE_INVALID_ARGUMENT,
                      "kind must be to_agent, to_group, escalate or reassign");
  if (t.note().size() > kMaxTransferNoteBytes)
    return send_error(rid, v1::ERROR_CODE_INVALID_ARGUMENT, "note is too long");
  if (t.to_agent_id().size() > kMaxIdBytes || t.to_group().size() > kMaxIdBytes)
    return send_error(rid, v1::ERROR_CODE_INVALID_ARGUMENT, "to_agent_id or to_group is too long");
  const ShopEntry* shop = ctx_.shops.shop(shop_id_);
  if (!shop) return send_error(rid, v1::ERROR_CODE_NOT_FOUND, "shop not configured");
  std::weak_ptr<ClientSession> weak = shared_from_this();
  ctx_.router.transfer(*shop, user_id_, t, [weak, rid, t](TransferOutcome r) {
    auto self = weak.lock();
    if (!self) return;
    if (r.store_error != StoreError::None) return self->send_store_error(rid, r.store_error);
    if (r.rule_error != routing::TransferError::kNone)
      return self->send_transfer_error(rid, r.rule_error, r.detail);
    v1::ServerFrame f;
    f.set_request_id(rid);
    auto* done = f.mutable_conversation_transferred();
    done->set_conversation_id(r.conversation.id());
    done->set_kind(t.kind());
    done->set_to_agent_id(r.conversation.agent_id());
    done->set_to_group(r.conversation.group());
    done->set_by(self->user_id_);
    self->send(f);
  });
}

void ClientSession::on_rate(const std::string& rid, const v1::RateConversation& r) {
  if (role_ != v1::ROLE_BUYER)
    return send_error(rid, v1::ERROR_CODE_FORBIDDEN, "only the buyer rates a conversation");
  if (r.conversation_id().empty() || r.conversation_id().size() > kMaxIdBytes)
    return send_error(rid, v1::ERROR_CODE_INVALID_ARGUMENT, "conversation_id is required");
  if (r.score() < 1 || r.score() > 5)
    return send_error(rid, v1::ERROR_CODE_INVALID_ARGUMENT, "score: 1 (很不满意) to 5 (很满意)");
  if (r.comment().size() > kMaxRatingCommentBytes)
    return send_error(rid, v1::ERROR_CODE_INVALID_ARGUMENT, "comment: at most 500 bytes");
  std::weak_ptr<ClientSession> weak = shared_from_this();
  ctx_.store.rate(shop_id_, user_id_, r.conversation_id(), r.score(), r.comment(),
                  [weak, rid, r](StoreError e) {
                    auto self = weak.lock();
                    if (!self) return;
                    if (e == StoreError::Conflict)
                      return self->send_error(rid, v1::ERROR_CODE_CONFLICT,
                                              "rate the conversation once it has ended");
                    if (e != StoreError::None) return self->send_store_error(rid, e);
                    v1::ServerFrame f;
                    f.set_request_id(rid);
                    auto* rated = f.mutable_conversation_rated();
                    rated->set_conversation_id(r.conversation_id());
                    rated->set_score(r.score());
                    rated->set_comment(r.comment());
                    self->send(f);
                  });
}

void ClientSession::on_write_handover(const std::string& rid, const v1::WriteHandover& w) {
  const ShopEntry* shop = ctx_.shops.shop(shop_id_);
  const v1::AgentAccount* me = ctx_.shops.agent(shop_id_, user_id_);
  if (role_ != v1::ROLE_AGENT || !shop || !me)
    return send_error(rid, v1::ERROR_CODE_FORBIDDEN, "only agents write handovers");
  std::weak_ptr<ClientSession> weak = shared_from_this();
  ctx_.handovers.write(*shop, *me, w, [weak, rid](HandoverResult r) {
    if (auto self = weak.lock()) self->answer_handovers(rid, std::move(r));
  });
}

void ClientSession::on_list_handovers(const std::string& rid, const v1::ListHandovers& l) {
  const ShopEntry* shop = ctx_.shops.shop(shop_id_);
  const v1::AgentAccount* me = ctx_.shops.agent(shop_id_, user_id_);
  if (role_ != v1::ROLE_AGENT || !shop || !me)
    return send_error(rid, v1::ERROR_CODE_FORBIDDEN, "only agents read handovers");
  std::weak_ptr<ClientSession> weak = shared_from_this();
  ctx_.handovers.list(*shop, *me, l.limit(), [weak, rid](HandoverResult r) {
    if (auto self = weak.lock()) self->answer_handovers(rid, std::move(r));
  });
}

void ClientSession::answer_handovers(const std::string& rid, HandoverResult r) {
  if (r.error != StoreError::None) return send_store_error(rid, r.error);
  if (!r.problem.empty()) return send_error(rid, v1::ERROR_CODE_INVALID_ARGUMENT, r.problem);
  v1::ServerFrame f;
  f.set_request_id(rid);
  *f.mutable_handover_list() = std::move(r.list);
  send(f);
}

void ClientSession::send_transfer_error(const std::string& rid, routing::TransferError e,
                                        const std::string& detail) {
  using routing::TransferError;
  const std::string why{routing::transfer_error_name(e)};
  switch (e) {
    case TransferError::kNotYourConversation:
    case TransferError::kNotPermitted:
    case TransferError::kUnknownActor:
      return send_error(rid, v1::ERROR_CODE_FORBIDDEN, why);
    case TransferError::kUnknownAgent:
    case TransferError::kUnknownGroup:
      return send_error(rid, v1::ERROR_CODE_NOT_FOUND, why);
    case TransferError::kNoteRequired:
    case TransferError::kSameTarget:
    case TransferError::kNotASupervisor:
      return send_error(rid, v1::ERROR_CODE_INVALID_ARGUMENT, why);
    default:  // ended, target unavailable, no supervisor available: the state, not the request
      return send_error(rid, v1::ERROR_CODE_CONFLICT, detail.empty() ? why : why + ": " + detail,
                        e != TransferError::kConversationEnded);
  }
}

bool ClientSession::buyer_within_rate(const std::string& rid) {
  if (role_ != v1::ROLE_BUYER || !ctx_.buyer_limits) return true;
  const Admission a = ctx_.buyer_limits->take(shop_id_ + '/' + user_id_, ctx_.clock.now());
  if (!a.allowed) send(rate_limited_frame(rid, a.retry_after, "too many messages from this buyer"));
  return a.allowed;
}

bool ClientSession::bus_on_time(const std::string& rid) {
  const BusLag* bus = ctx_.bus_lags ? ctx_.bus_lags->lag_for(shop_id_) : nullptr;
  if (!bus || !bus->late()) return true;
  // Asked again after about as long as the bus is behind, within bounds: refusing is cheap, so
  // the worker spends its time catching up rather than storing what it cannot deliver.
  const auto lag = std::chrono::ceil<Millis>(bus->lag());
  const Millis retry_after = std::clamp(lag, Millis{250}, Millis{5000});
  node_metrics().refused_bus_late.fetch_add(1, std::memory_order_relaxed);
  send(retry_later_frame(
      rid, v1::ERROR_CODE_UNAVAILABLE, retry_after,
      "the server is delivering messages " + std::to_string(lag.count()) + " ms late"));
  return false;
}

void ClientSession::on_start(const std::string& rid, const v1::StartConversation& s) {
  if (role_ != v1::ROLE_BUYER)
    return send_error(rid, v1::ERROR_CODE_FORBIDDEN, "only buyers start conversations");
  if (s.order_id().size() > kMaxIdBytes)
    return send_error(rid, v1::ERROR_CODE_INVALID_ARGUMENT, "order_id is too long");
  const ShopEntry* shop = ctx_.shops.shop(shop_id_);
  if (!shop) return send_error(rid, v1::ERROR_CODE_NOT_FOUND, "shop not configured");
  if (!bus_on_time(rid) || !buyer_within_rate(rid)) return;
  std::weak_ptr<ClientSession> weak = shared_from_this();
  ctx_.router.start(*shop, user_id_, s.order_id(), [weak, rid](StartOutcome r) {
    auto self = weak.lock();
    if (!self) return;
    if (r.error != StoreError::None) return self->send_store_error(rid, r.error);
    v1::ServerFrame f;
    f.set_request_id(rid);
    auto* started = f.mutable_conversation_started();
    started->set_resumed(r.resumed);
    *started->mutable_conversation() = r.conversation;
    self->told_buyer_[r.conversation.id()] = {r.conversation.status(), r.conversation.agent_id()};
    // A new conversation has no message this client lacks: a catch-up after a bus outage
    // reads it from the start. A resumed one is read once the client syncs it.
    if (!r.resumed) self->cursors_.try_emplace(r.conversation.id());
    self->send(f);
    if (r.queue) {
      v1::ServerFrame q;
      q.set_request_id(rid);
      *q.mutable_queue_status() = *r.queue;
      self->send(q);
    }
  });
}

void ClientSession::on_sync(const std::string& rid, const v1::SyncConversation& s) {
  if (s.conversation_id().empty() || s.conversation_id().size() > kMaxIdBytes)
    return send_error(rid, v1::ERROR_CODE_INVALID_ARGUMENT, "conversation_id is required");
  Cursor& cursor = cursors_[s.conversation_id()];
  // A catch-up waiting for its retry gives way: the client's sync reads up to the present.
  if (cursor.syncing && !cursor.catch_up_due)
    return send_error(rid, v1::ERROR_CODE_CONFLICT, "a sync of this conversation is in progress");
  cursor.syncing = true;
  cursor.catch_up_due = false;
  cursor.last_id = s.after_message_id();
  read_page(rid, s.conversation_id());
}

void ClientSession::missed_events() {
  if (!sink_) return;
  if (role_ == v1::ROLE_AGENT) catch_up_assignments();
  if (role_ == v1::ROLE_BUYER) catch_up_buyer();
  for (auto& [conversation_id, cursor] : cursors_) {
    // A sync in progress reads up to the present anyway; a catch-up waiting for its retry
    // starts now. A cursor with no last id was sent nothing yet (synced empty, or a new
    // conversation): it is read from the start. A supervisor no longer watching is not.
    if (cursor.syncing && !cursor.catch_up_due) continue;
    if (cursor.as_supervisor && !monitored_.contains(conversation_id) &&
        !joined_.contains(conversation_id))
      continue;
    cursor.syncing = true;
    cursor.catch_up_due = false;
    read_page({}, conversation_id, /*catching_up=*/true);
  }
}

void ClientSession::retry_catch_up() {
  if (!sink_) return;
  if (assignments_due_) {
    assignments_due_ = false;
    catch_up_assignments();
  }
  if (buyer_catch_up_due_) {
    buyer_catch_up_due_ = false;
    catch_up_buyer();
  }
  for (auto& [conversation_id, cursor] : cursors_) {
    if (!cursor.catch_up_due) continue;
    cursor.catch_up_due = false;
    read_page({}, conversation_id, /*catching_up=*/true);
  }
}

void ClientSession::read_page(const std::string& rid, const std::string& conversation_id,
                              bool catching_up) {
  std::weak_ptr<ClientSession> weak = shared_from_this();
  const Cursor& at = cursors_[conversation_id];
  const std::string after = at.last_id;
  const Participant reader = at.as_supervisor ? Participant{v1::ROLE_SUPERVISOR, user_id_} : me();
  ctx_.store.read_messages(
      shop_id_, reader, conversation_id, after, kSyncPage,
      [weak, rid, conversation_id, catching_up](ReadResult r) {
        auto self = weak.lock();
        if (!self) return;
        Cursor& cursor = self->cursors_[conversation_id];
        if (catching_up && r.error == StoreError::Unavailable) {
          // Redis refused the read (too many commands waiting: a bus outage under load asks
          // every client's conversations at once; or Redis is away again). Releasing the
          // held events now would leave a gap nobody fills (issue 8: 35,686 messages never
          // delivered at 20,000/s), so they stay held and the worker's tick tries again.
          cursor.catch_up_due = true;
          self->ctx_.registry.catch_up_later(self);
          return;
        }
        if (r.error != StoreError::None) {
          // A catch-up that cannot be served (the conversation is gone or no longer theirs)
          // lets the live events held meanwhile go; a failed sync is answered with the error
          // (the client syncs again) and drops them.
          cursor.syncing = false;
          auto held = std::move(cursor.held);
          cursor.held.clear();
          if (catching_up) {
            for (auto& f : held) self->send_message_event(f);
            return;
          }
          if (cursor.as_supervisor) self->unfollow(conversation_id);  // nothing to monitor
          return self->send_store_error(rid, r.error);
        }
        for (auto& m : r.messages) {
          v1::ServerFrame f;
          f.set_request_id(rid);
          cursor.last_id = m.id();
          *f.mutable_message()->mutable_message() = std::move(m);
          self->send(f);
        }
        if (r.messages.size() == kSyncPage) {
          // The next page once this one is written: a long history is not read into memory
          // faster than the client takes it (issue 10, slow readers).
          if (!self->sink_) return;
          return self->sink_->when_drained([weak, rid, conversation_id, catching_up] {
            if (auto again = weak.lock()) again->read_page(rid, conversation_id, catching_up);
          });
        }
        // History is out: release what arrived live meanwhile, skipping what history had.
        cursor.syncing = false;
        auto held = std::move(cursor.held);
        cursor.held.clear();
        for (auto& f : held) self->send_message_event(f);
        if (catching_up) return;
        v1::ServerFrame done;
        done.set_request_id(rid);
        done.mutable_sync_done()->set_conversation_id(conversation_id);
        done.mutable_sync_done()->set_last_message_id(self->cursors_[conversation_id].last_id);
        self->send(done);
      });
}

void ClientSession::on_send(const std::string& rid, v1::SendMessage& m) {
  if (m.conversation_id().empty() || m.conversation_id().size() > kMaxIdBytes)
    return send_error(rid, v1::ERROR_CODE_INVALID_ARGUMENT, "conversation_id is required");
  if (m.client_message_id().empty() || m.client_message_id().size() > kMaxIdBytes)
    return send_error(rid, v1::ERROR_CODE_INVALID_ARGUMENT,
                      "client_message_id is required (at most 128 bytes)");
  if (m.text().empty() && m.image_url().empty())
    return send_error(rid, v1::ERROR_CODE_INVALID_ARGUMENT, "text is empty");
  if (m.text().size() > kMaxTextBytes)
    return send_error(rid, v1::ERROR_CODE_INVALID_ARGUMENT, "text is longer than 16 KiB");
  if (!m.image_url().empty())
    if (auto problem = image_url_problem(m.image_url()); !problem.empty())
      return send_error(rid, v1::ERROR_CODE_INVALID_ARGUMENT, problem);
  if (!bus_on_time(rid) || !buyer_within_rate(rid)) return;
  v1::Message msg;
  msg.set_conversation_id(m.conversation_id());
  // R-SUP-2: a supervisor who joined writes as one (send_message.lua checks the join).
  msg.set_sender_role(joined_.contains(m.conversation_id()) ? v1::ROLE_SUPERVISOR : role_);
  msg.set_sender_id(user_id_);
  msg.set_kind(v1::MESSAGE_KIND_HUMAN);
  // The frame's strings are taken, not copied (issue 8: a text is one allocation per copy).
  msg.set_text(std::move(*m.mutable_text()));
  msg.set_image_url(std::move(*m.mutable_image_url()));
  msg.set_client_message_id(m.client_message_id());
  if (own_unechoed_.size() >= kMaxOwnUnechoed) own_unechoed_.erase(own_unechoed_.begin());
  own_unechoed_.push_back(m.client_message_id());
  std::weak_ptr<ClientSession> weak = shared_from_this();
  ctx_.store.append_message(
      shop_id_, std::move(msg),
      [weak, rid, cmid = std::move(*m.mutable_client_message_id()),
       conv = std::move(*m.mutable_conversation_id())](AppendResult r) mutable {
        auto self = weak.lock();
        if (!self) return;
        if (r.error != StoreError::None) return self->send_store_error(rid, r.error);
        v1::ServerFrame f;
        f.set_request_id(rid);
        auto* ack = f.mutable_ack();
        ack->set_client_message_id(std::move(cmid));
        ack->set_message_id(std::move(r.message_id));
        ack->set_conversation_id(std::move(conv));
        ack->set_duplicate(r.duplicate);
        self->send(f);
      });
}

void ClientSession::deliver(const v1::ServerFrame& frame) {
  if (!sink_) return;
  // A pushed UNAUTHENTICATED error is the end of this session (logout, account disabled).
  if (frame.has_error() && frame.request_id().empty() &&
      frame.error().code() == v1::ERROR_CODE_UNAUTHENTICATED)
    return end_session(frame.error().text());
  if (frame.has_message()) return send_message_event(frame);
  if (role_ == v1::ROLE_AGENT) track_assignments(frame);
  if (role_ == v1::ROLE_BUYER) track_buyer_view(frame);
  send(frame);
}

void ClientSession::track_assignments(const v1::ServerFrame& frame) {
  if (frame.has_conversation_assigned()) {
    const v1::Conversation& c = frame.conversation_assigned().conversation();
    if (c.agent_id() == user_id_) told_assigned_.insert(c.id());
  } else if (frame.has_conversation_transferred()) {
    const v1::ConversationTransferred& t = frame.conversation_transferred();
    if (t.to_agent_id() != user_id_) told_assigned_.erase(t.conversation_id());
  } else if (frame.has_conversation_ended()) {
    told_assigned_.erase(frame.conversation_ended().conversation_id());
  }
}

void ClientSession::catch_up_assignments() {
  std::weak_ptr<ClientSession> weak = shared_from_this();
  ctx_.store.agent_overview(shop_id_, user_id_, [weak](OverviewResult r) {
    auto self = weak.lock();
    if (!self || !self->sink_) return;
    if (r.error == StoreError::Unavailable) {
      // Refused like a conversation's catch-up (too many commands waiting, or Redis away
      // again): the worker's retry asks again.
      self->assignments_due_ = true;
      self->ctx_.registry.catch_up_later(self);
      return;
    }
    if (r.error != StoreError::None) return;
    std::set<std::string, std::less<>> gone = self->told_assigned_;
    for (auto& c : r.conversations) {
      gone.erase(c.id());
      if (!self->told_assigned_.insert(c.id()).second) continue;  // told already
      v1::ServerFrame f;
      *f.mutable_conversation_assigned()->mutable_conversation() = std::move(c);
      self->send(f);
    }
    for (const auto& id : gone) self->tell_no_longer_theirs(id);
  });
}

void ClientSession::tell_no_longer_theirs(const std::string& conversation_id) {
  std::weak_ptr<ClientSession> weak = shared_from_this();
  ctx_.store.conversation_state(shop_id_, conversation_id, [weak](ConversationState r) {
    auto self = weak.lock();
    if (!self || !self->sink_) return;
    if (r.error == StoreError::Unavailable) {
      self->assignments_due_ = true;  // the retry reads the overview, and this, again
      self->ctx_.registry.catch_up_later(self);
      return;
    }
    const v1::Conversation& c = r.conversation;
    // Gone from Redis altogether, or theirs again since the overview was read: nothing to say.
    if (r.error != StoreError::None || !self->told_assigned_.contains(c.id())) return;
    v1::ServerFrame f;
    if (c.status() == v1::CONVERSATION_STATUS_ENDED) {
      set_ended(f, c.id(), r.ended_by);
    } else if (c.agent_id() != self->user_id_) {
      // R-ROUTE-10: moved to a colleague or back to a queue; who moved it is not stored.
      auto* t = f.mutable_conversation_transferred();
      t->set_conversation_id(c.id());
      t->set_kind(c.agent_id().empty() ? v1::TRANSFER_KIND_TO_GROUP : v1::TRANSFER_KIND_TO_AGENT);
      t->set_to_agent_id(c.agent_id());
      t->set_to_group(c.group());
    } else {
      return;
    }
    self->deliver(f);  // tracked like a live one: told_assigned_ lets it go
  });
}

void ClientSession::track_buyer_view(const v1::ServerFrame& frame) {
  if (frame.has_conversation_assigned()) {
    const v1::Conversation& c = frame.conversation_assigned().conversation();
    told_buyer_[c.id()] = {v1::CONVERSATION_STATUS_ASSIGNED, c.agent_id()};
    return;
  }
  const std::string* id = frame.has_conversation_ended()
                              ? &frame.conversation_ended().conversation_id()
                          : frame.has_queue_status() ? &frame.queue_status().conversation_id()
                                                     : nullptr;
  if (!id) return;
  auto it = told_buyer_.find(*id);
  if (it == told_buyer_.end()) return;
  it->second = {frame.has_conversation_ended() ? v1::CONVERSATION_STATUS_ENDED
                                               : v1::CONVERSATION_STATUS_QUEUED,
                {}};
}

void ClientSession::catch_up_buyer() {
  std::weak_ptr<ClientSession> weak = shared_from_this();
  for (const auto& [conversation_id, told] : told_buyer_) {
    if (told.status == v1::CONVERSATION_STATUS_ENDED) continue;
    ctx_.store.conversation_state(shop_id_, conversation_id, [weak](ConversationState r) {
      auto self = weak.lock();
      if (!self || !self->sink_) return;
      if (r.error == StoreError::Unavailable) {
        // Refused like a conversation's catch-up: the worker's retry asks again (all of them;
        // what did not move is not pushed).
        self->buyer_catch_up_due_ = true;
        self->ctx_.registry.catch_up_later(self);
        return;
      }
      if (r.error != StoreError::None) return;
      const v1::Conversation& c = r.conversation;
      auto it = self->told_buyer_.find(c.id());
      if (it == self->told_buyer_.end()) return;
      if (it->second.status == c.status() && it->second.agent_id == c.agent_id()) return;
      v1::ServerFrame f;
      if (c.status() == v1::CONVERSATION_STATUS_ASSIGNED) {
        *f.mutable_conversation_assigned()->mutable_conversation() = c;
      } else if (c.status() == v1::CONVERSATION_STATUS_ENDED) {
        set_ended(f, c.id(), r.ended_by);
      } else {
        // Back in a queue (transferred to the group): their place is announced to the group,
        // which this buyer now hears again.
        if (c.status() == v1::CONVERSATION_STATUS_QUEUED &&
            it->second.status != v1::CONVERSATION_STATUS_QUEUED)
          self->ctx_.router.announce_positions(self->shop_id_, c.group());
        return;
      }
      self->deliver(f);
    });
  }
}

void ClientSession::send_message_event(const v1::ServerFrame& frame) {
  const v1::Message& m = frame.message().message();
  auto it = cursors_.find(m.conversation_id());
  if (it == cursors_.end()) {
    cursors_[m.conversation_id()].last_id = m.id();
    if (!own_echo(m)) send(frame);
    return;
  }
  Cursor& cursor = it->second;
  if (cursor.syncing) {
    cursor.held.push_back(frame);
    return;
  }
  if (!cursor.last_id.empty() && compare_message_ids(m.id(), cursor.last_id) <= 0) return;
  cursor.last_id = m.id();
  if (!own_echo(m)) send(frame);
}

bool ClientSession::own_echo(const v1::Message& m) {
  if (own_unechoed_.empty() || m.sender_id() != user_id_) return false;
  auto it = std::find(own_unechoed_.begin(), own_unechoed_.end(), m.client_message_id());
  if (it == own_unechoed_.end()) return false;
  own_unechoed_.erase(it);
  return true;
}

}  // namespace kefu::chat
