#pragma once
// What one WebSocket client may do, and what it is told: the protocol of frames.proto
// after decoding. net/ hands it decoded ClientFrames and gives it a FrameSink to answer
// through; it runs on its worker's thread only.
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "chat/bus_lags.h"
#include "chat/chat_store.h"
#include "chat/conversation_router.h"
#include "chat/handover_service.h"
#include "chat/local_registry.h"
#include "chat/request_handler.h"
#include "chat/routing_store.h"
#include "chat/shop_directory.h"
#include "core/clock.h"
#include "core/rate_limit.h"
#include "kefu/v1/frames.pb.h"

namespace kefu::chat {

class FrameSink {
 public:
  virtual ~FrameSink() = default;
  virtual void send(const v1::ServerFrame& frame) = 0;
  // Runs `next` once every frame sent so far has been written (at once when none waits), so a
  // long answer goes out page by page and never piles up in memory; dropped if the connection
  // closes first.
  virtual void when_drained(std::function<void()> next) = 0;
  // Ends the connection with a WebSocket close code once what was sent before has gone out.
  virtual void close(std::uint16_t code, const std::string& reason) = 0;
};

// What a session needs from its worker thread.
struct WorkerContext {
  ChatStore& store;
  RoutingStore& routing;
  ConversationRouter& router;
  HandoverService& handovers;
  LocalRegistry& registry;
  const ShopDirectory& shops;
  const Clock& clock;
  std::vector<RequestHandler*> requests;  // orders, notes, live figures (set by the worker)
  // Issue 10: a buyer's messages and conversation starts, over all their connections to this
  // node (shared by the workers).
  KeyedRateLimiter* buyer_limits = nullptr;
  // Issue 8: how late this worker's bus runs for each shop (measured by the worker's probes).
  const BusLags* bus_lags = nullptr;
};

class ClientSession : public BusListener,
                      public ShopTap,
                      public std::enable_shared_from_this<ClientSession> {
 public:
  ClientSession(WorkerContext& ctx, FrameSink& sink);
  ~ClientSession() override;

  void on_frame(v1::ClientFrame& frame);
  // The connection is gone: stop answering, leave the registry.
  void detach();

  void deliver(const v1::ServerFrame& frame) override;
  // R-SUP-2: the events of the conversations this supervisor monitors or joined.
  void on_shop_event(const v1::BusEvent& event) override;
  // Issue 10: every conversation this client follows is read again from its last message id
  // (from the start when it has been sent none), and what it missed is pushed as message
  // events (deduplicated like live ones). An agent is also told the conversations assigned to
  // it in the gap (catch_up_assignments); a buyer, who took or ended their conversation in the
  // gap (catch_up_buyer). Other live events of the gap (typing, queue positions) are not
  // replayed: they are soon out of date.
  void missed_events() override;
  void retry_catch_up() override;

  bool authenticated() const { return !user_id_.empty(); }
  // Issue 10: called by the connection's timer. An agent's session that has expired on the
  // (injected) clock ends now, told why and closed, without waiting for the client's next frame.
  // Returns whether there is still a session expiry to watch (false for buyers, who have none,
  // and once the session has ended).
  bool end_session_if_expired();

 private:
  // Where the client stands in one conversation's stream: what it has been sent, and live
  // events held back while its history is being read (so nothing arrives twice or out of
  // order).
  struct Cursor {
    std::string last_id;
    bool syncing = false;
    // Its catch-up after a bus outage was refused by Redis: `syncing` stays, so live events
    // stay held behind the gap, until the worker's next tick tries again (retry_catch_up).
    bool catch_up_due = false;
    bool as_supervisor = false;  // read as the shop's supervisor (R-SUP-2), not as a party
    std::vector<v1::ServerFrame> held;
  };

  void on_hello(const std::string& request_id, const v1::Hello& hello);
  void on_set_presence(const std::string& request_id, const v1::SetPresence& p);
  void on_start(const std::string& request_id, const v1::StartConversation& s);
  void on_sync(const std::string& request_id, const v1::SyncConversation& s);
  // Takes the text and ids out of m (the frame is parsed for this call only).
  void on_send(const std::string& request_id, v1::SendMessage& m);
  void on_end(const std::string& request_id, const v1::EndConversation& e);
  void on_transfer(const std::string& request_id, const v1::TransferConversation& t);
  void on_rate(const std::string& request_id, const v1::RateConversation& r);
  void on_write_handover(const std::string& request_id, const v1::WriteHandover& w);
  void on_list_handovers(const std::string& request_id, const v1::ListHandovers& l);
  void answer_handovers(const std::string& request_id, HandoverResult r);
  // R-SUP-2 (client_session_supervisor.cpp): a supervisor of the shop follows a conversation
  // read-only, or joins it (announced to buyer and agent) and may then write to it.
  void on_monitor(const std::string& request_id, const v1::MonitorConversation& m);
  void on_join(const std::string& request_id, const v1::JoinConversation& j);
  void announce_join(const std::string& request_id, const std::string& conversation_id, bool leave,
                     const JoinResult& r, const std::string& message_id);
  // Sends FORBIDDEN and returns false unless this is a supervisor of the shop.
  bool is_supervisor(const std::string& request_id);
  void follow(const std::string& conversation_id);
  void unfollow(const std::string& conversation_id);
  void send_transfer_error(const std::string& request_id, routing::TransferError e,
                           const std::string& detail);
  void touch(bool activity);
  // The agent's session is over (expired, logged out, account disabled): told why, then closed.
  void end_session(const std::string& why);
  // A buyer over their message rate is told so (and how long to wait); false when refused.
  bool buyer_within_rate(const std::string& request_id);
  // Issue 8: while the worker's bus runs later than its limit, a new message or conversation
  // is refused (retryable, with the wait) rather than stored and delivered seconds late; false
  // when refused.
  bool bus_on_time(const std::string& request_id);
  void delegate(RequestHandler& handler, const v1::ClientFrame& frame);

  void welcome_agent(const std::string& request_id);
  // Agents: keeps told_assigned_ in step with what this connection is told.
  void track_assignments(const v1::ServerFrame& frame);
  // Agents, after a bus outage: pushes conversationAssigned for each conversation now theirs
  // that this connection was not told of (its console then syncs it from the start)...
  void catch_up_assignments();
  // ...and for one it was told of that is no longer theirs (ended, or moved on in the gap):
  // pushes conversationEnded or conversationTransferred, so the console lets it go.
  void tell_no_longer_theirs(const std::string& conversation_id);
  // Buyers: keeps told_buyer_ in step with what this connection is told.
  void track_buyer_view(const v1::ServerFrame& frame);
  // Buyers, after a bus outage: pushes conversationAssigned or conversationEnded for each
  // conversation of theirs whose state moved from what this connection was told.
  void catch_up_buyer();
  void enter(v1::Role role, const std::string& shop_id, const std::string& user_id,
             const std::string& display_name);
  // catching_up: pushed after a bus outage (missed_events), without a request to answer.
  void read_page(const std::string& request_id, const std::string& conversation_id,
                 bool catching_up = false);
  void send_message_event(const v1::ServerFrame& frame);
  // True (and forgotten) when m is this connection's own message, already acknowledged to it
  // or about to be: its bus copy is not sent here.
  bool own_echo(const v1::Message& m);

  void send(const v1::ServerFrame& frame);
  void send_error(const std::string& request_id, v1::ErrorCode code, const std::string& text,
                  bool retryable = false);
  void send_store_error(const std::string& request_id, StoreError e);
  Participant me() const { return Participant{role_, user_id_}; }

  WorkerContext& ctx_;
  FrameSink* sink_;
  bool hello_pending_ = false;
  v1::Role role_ = v1::ROLE_UNSPECIFIED;
  std::string shop_id_;
  std::string user_id_;
  std::string recipient_;
  std::unordered_map<std::string, Cursor> cursors_;
  // R-SUP-2: conversations this supervisor's connection monitors / joined.
  std::set<std::string, std::less<>> monitored_;
  std::set<std::string, std::less<>> joined_;
  // Client message ids this connection sent whose bus copy has not come back yet: the ack
  // tells this connection its message was stored, so the copy is not sent to it again (issue
  // 8: one frame and one write fewer per message). Other connections of the same user still
  // get it. Bounded: a copy that never comes (a duplicate's) ages out.
  std::vector<std::string> own_unechoed_;
  static constexpr std::size_t kMaxOwnUnechoed = 32;
  // Agents: the conversations this connection was told are theirs (welcome,
  // conversationAssigned) and not since told they left (ended, transferred away). Without it,
  // an assignment published while the bus was down would never reach a console that stayed
  // connected, and its buyer would wait unanswered.
  std::set<std::string, std::less<>> told_assigned_;
  bool assignments_due_ = false;  // their read after an outage was refused: read again later
  // Buyers: what this connection was last told of each conversation it started (queued,
  // whose, ended). Without it, a queued buyer whose conversation an agent took (or ended)
  // while the bus was down would go on seeing the queue, and not know whom they talk to.
  struct BuyerView {
    v1::ConversationStatus status = v1::CONVERSATION_STATUS_UNSPECIFIED;
    std::string agent_id;
  };
  std::unordered_map<std::string, BuyerView> told_buyer_;
  bool buyer_catch_up_due_ = false;  // the read after an outage was refused: read again later
  std::string session_recipient_;    // agents: their session's address on the bus (logout)
  std::int64_t session_expires_ms_ = 0;
  static constexpr Millis kTouchInterval{5000};
  TimePoint last_touch_{};
  TimePoint last_activity_touch_{};
};

}  // namespace kefu::chat
