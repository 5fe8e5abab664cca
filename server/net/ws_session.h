#pragma once
// One WebSocket connection: reads frames, decodes them for its ClientSession, and writes
// what the session sends, in order, through a bounded queue. A template over the stream under
// the WebSocket (plain TCP, or TLS over TCP), instantiated only in plain_connection.cpp and
// tls_connection.cpp (connection.h).
#include <functional>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <spdlog/spdlog.h>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/websocket.hpp>

#include "chat/error_frames.h"
#include "core/stack_arena.h"
#include "net/connection.h"
#include "net/frame_codec.h"
#include "net/read_buffer.h"
#include "net/send_queue.h"

namespace kefu::net {

using UpgradeRequest = boost::beast::http::request<boost::beast::http::string_body>;

namespace ws_detail {

namespace beast = boost::beast;
namespace websocket = beast::websocket;

// How often a connection without a hello looks at the (injected) clock: the timeout is kept
// to within this, and a test that moves the clock sees the close this soon.
inline constexpr std::chrono::milliseconds kHelloCheck{250};
// How often an agent's connection looks whether its session has expired (issue 10): polled on
// the injected clock, which tests move, so a timer set for the expiry itself would not do.
// Agents are few; buyers' connections have no expiry and no such timer.
inline constexpr std::chrono::milliseconds kSessionCheck{1000};

// NextLayer: boost::beast::tcp_stream, or boost::beast::ssl_stream<tcp_stream>.
template <class NextLayer>
class WsSession final : public chat::FrameSink,
                        public DrainableSession,
                        public std::enable_shared_from_this<WsSession<NextLayer>> {
 public:
  WsSession(NextLayer stream, const ConnectionEnv& env)
      : ws_{std::move(stream)},
        worker_{*env.worker},
        limits_{*env.limits},
        counters_{*env.counters},
        clock_{*env.worker->clock},
        opened_{clock_.now()},
        frame_budget_{limits_.frames, opened_},
        watch_timer_{ws_.get_executor()},
        sessions_{env.sessions} {}

  ~WsSession() override { --counters_.websockets; }

  void start(UpgradeRequest request) {
    ++counters_.websockets;
    // Dead peers are found by Beast's idle pings; no permessage-deflate (memory per
    // connection, DESIGN.md).
    ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
    ws_.read_message_max(limits_.max_frame_bytes);
    ws_.control_callback([this](websocket::frame_type kind, beast::string_view) {
      // Beast 1.81 takes close codes past 4999 as valid and echoes them; RFC 6455 §7.4 defines
      // none there, so the connection fails instead (Autobahn 7.9.x): TCP closed, no echo.
      if (kind == websocket::frame_type::close && ws_.reason().code > 4999) {
        beast::error_code ignored;
        beast::get_lowest_layer(ws_).socket().shutdown(boost::asio::ip::tcp::socket::shutdown_both,
                                                       ignored);
      }
    });
    ws_.set_option(websocket::stream_base::decorator(
        [](websocket::response_type& res) { res.set(beast::http::field::server, "kefu"); }));
    client_ = worker_.new_client(*this);
    if (sessions_) sessions_->add(this->weak_from_this());
    ws_.async_accept(request, [self = this->shared_from_this()](beast::error_code ec) {
      if (ec) return self->finish("accept", ec);
      self->open_ = true;
      if (self->drain_notice_) self->tell_draining();
      self->read();
      self->watch_credentials();
    });
  }

  void send(const v1::ServerFrame& frame) override {
    // Issue 9: once the drain's close is due nothing more is queued (a stream of live events
    // must not keep the close waiting); the client's sync on its next node brings the messages.
    if (closing_ || close_when_flushed_) return;
    std::string bytes = encode_server_frame(frame, format_);
    if (queued_frames() >= limits_.max_queued_frames ||
        queued_bytes_ + bytes.size() > limits_.max_queued_bytes) {
      // A client that does not read its frames must not make the server grow without bound.
      spdlog::warn("websocket: send queue full ({} frames, {} bytes), closing slow client",
                   queued_frames(), queued_bytes_);
      ++counters_.slow_clients_cut;
      closing_ = true;
      // Cut the socket: a close frame would wait behind the frames it does not read. Pending
      // reads and writes fail and finish() cleans up.
      beast::error_code ignored;
      beast::get_lowest_layer(ws_).socket().close(ignored);
      return;
    }
    queued_bytes_ += bytes.size();
    queue_.push(OutgoingFrame{std::move(bytes), format_ == FrameFormat::Json});
    ++counters_.frames_out;
    if (!writing_) write_next();
  }

  void close(std::uint16_t code, const std::string& reason) override {
    // Later, not inside the ClientSession's own call: closing lets go of it.
    boost::asio::post(ws_.get_executor(), [self = this->shared_from_this(), code, reason] {
      self->close_with(static_cast<websocket::close_code>(code), reason);
    });
  }

  void when_drained(std::function<void()> next) override {
    if (closing_) return;
    if (flushed()) return next();
    drained_.push_back(std::move(next));
  }

  // Issue 9: the node is draining. The client is told when to reconnect (elsewhere); what it
  // asked before is still answered, what it asks from now is refused (retryable), so nothing
  // it is told was done is left half done.
  void begin_drain(const DrainNotice& notice) override {
    if (closing_ || draining_) return;
    draining_ = true;
    drain_notice_ = notice;
    // Nothing may be written before the WebSocket handshake is done: then, if not yet.
    if (open_) tell_draining();
  }

  // Issue 9: the close (1012) goes after every frame queued so far, acks included. A client
  // that does not read keeps its socket until the drain's time is up.
  void close_when_flushed() override {
    if (closing_) return;
    if (open_ && flushed())
      return close_with(static_cast<websocket::close_code>(kCloseServiceRestart),
                        "server restarting: reconnect");
    close_when_flushed_ = true;
  }

 private:
  void tell_draining() {
    thread_local std::minstd_rand random{std::random_device{}()};
    v1::ServerFrame f;
    f.mutable_draining()->set_reconnect_after_ms(reconnect_after_ms(*drain_notice_, random));
    f.mutable_draining()->set_drain_seconds(drain_notice_->drain_seconds);
    // Queued even when the close is already due (the handshake ended after the drain began).
    const bool close_due = close_when_flushed_;
    close_when_flushed_ = false;
    send(f);
    if (close_due) close_when_flushed();
  }

  void read() {
    ws_.async_read(buffer_, [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
      self->on_read(ec);
    });
  }

  void on_read(beast::error_code ec) {
    if (ec) return finish("read", ec);
    ++counters_.frames_in;
    format_ = ws_.got_text() ? FrameFormat::Json : FrameFormat::Binary;
    auto data = buffer_.cdata();
    std::string_view payload{static_cast<const char*>(data.data()), data.size()};
    // On the stack's arena (core/stack_arena.h): the frame lives for this call, and the client
    // session takes or copies what it keeps.
    StackArena arena;
    auto& frame = arena.make<v1::ClientFrame>();
    DecodeResult decoded = decode_client_frame(payload, format_, frame);
    const Admission admitted = frame_budget_.take(clock_.now());
    if (!admitted.allowed) {
      // A flood: refused before anything is done for it, with the wait the client must keep.
      ++counters_.frames_rate_limited;
      const std::string rid =
          decoded.ok ? frame.request_id() : salvage_request_id(payload, format_);
      buffer_.consume(buffer_.size());
      send(chat::rate_limited_frame(rid, admitted.retry_after,
                                    "too many frames on this connection"));
    } else if (!decoded.ok) {
      spdlog::info("websocket: malformed frame ({} bytes): {}", payload.size(), decoded.error);
      v1::ServerFrame err;
      err.set_request_id(salvage_request_id(payload, format_));
      err.mutable_error()->set_code(v1::ERROR_CODE_MALFORMED_FRAME);
      err.mutable_error()->set_text(decoded.error);
      buffer_.consume(buffer_.size());
      send(err);
    } else if (draining_) {
      // Issue 9: received after the Draining frame went out: nothing is done for it, and the
      // client sends it again (the same client message id) on the node it reconnects to.
      buffer_.consume(buffer_.size());
      send(chat::error_frame(frame.request_id(), v1::ERROR_CODE_UNAVAILABLE,
                             "this server is shutting down: reconnect and send again", true));
    } else {
      buffer_.consume(buffer_.size());
      if (client_) client_->on_frame(frame);
    }
    buffer_.release_if_large();
    if (!closing_) read();
  }

  // Every frame queued has been written (the close and drain waits).
  bool flushed() const { return queue_.empty() && !writing_; }
  std::size_t queued_frames() const { return queue_.size() + (writing_ ? 1 : 0); }

  void write_next() {
    writing_ = true;
    in_flight_ = queue_.take();
    ws_.text(in_flight_.text);
    ws_.async_write(boost::asio::buffer(in_flight_.bytes),
                    [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                      self->writing_ = false;
                      self->queued_bytes_ -= self->in_flight_.bytes.size();
                      self->in_flight_ = OutgoingFrame{};  // its memory back while idle
                      if (ec) return self->finish("write", ec);
                      if (self->closing_) return;
                      if (!self->queue_.empty()) return self->write_next();
                      if (self->close_when_flushed_) return self->close_when_flushed();
                      auto drained = std::move(self->drained_);
                      self->drained_.clear();
                      for (auto& next : drained) next();
                    });
  }

  // A connection that has not authenticated within the hello timeout is closed (1008): sockets
  // opened and left idle must not pile up. Once authenticated, an agent's connection is closed
  // when its session expires (issue 10), not only at its next frame. Both are measured on the
  // injected clock, looked at often.
  void watch_credentials() {
    if (closing_ || !client_) return;
    std::chrono::milliseconds next = kHelloCheck;
    if (client_->authenticated()) {
      if (!client_->end_session_if_expired()) return;  // nothing (more) to watch
      next = kSessionCheck;
    } else if (clock_.now() - opened_ >= limits_.hello_timeout) {
      ++counters_.hello_timeouts;
      const std::string why =
          "no hello within " + std::to_string(limits_.hello_timeout.count() / 1000) + " s";
      send(chat::error_frame({}, v1::ERROR_CODE_UNAUTHENTICATED, why));
      return close_with(websocket::close_code::policy_error, why);
    }
    watch_timer_.expires_after(next);
    watch_timer_.async_wait([weak = this->weak_from_this()](beast::error_code ec) {
      auto self = weak.lock();
      if (self && !ec) self->watch_credentials();
    });
  }

  // The server ends the connection: the close frame goes after what is queued.
  void close_with(websocket::close_code code, const std::string& reason) {
    if (closing_) return;
    closing_ = true;
    if (client_) {
      client_->detach();
      client_.reset();
    }
    ws_.async_close(
        websocket::close_reason{code, reason},
        [self = this->shared_from_this()](beast::error_code ec) { self->finish("close", ec); });
  }

  void finish(const char* where, beast::error_code ec) {
    if (ec != websocket::error::closed && ec != boost::asio::error::operation_aborted &&
        ec != boost::asio::error::eof && ec != beast::error::timeout) {
      spdlog::info("websocket {}: {}", where, ec.message());
    }
    if (client_) {
      client_->detach();
      client_.reset();
    }
    closing_ = true;
    watch_timer_.cancel();
    drained_.clear();
    // A write in flight still reads its frame, in_flight_: kept until its handler runs.
    queue_.clear();
    queued_bytes_ = writing_ ? in_flight_.bytes.size() : 0;
  }

  websocket::stream<NextLayer> ws_;
  const WorkerEndpoint& worker_;
  const NetLimits& limits_;
  ConnectionCounters& counters_;
  const Clock& clock_;
  const TimePoint opened_;
  TokenBucket frame_budget_;
  boost::asio::steady_timer watch_timer_;
  ReadBuffer buffer_;
  SendQueue queue_;          // waiting to be written, after in_flight_
  OutgoingFrame in_flight_;  // being written: out of the queue, which may grow meanwhile
  std::size_t queued_bytes_ = 0;
  std::vector<std::function<void()>> drained_;  // waiting for the queue to empty
  std::shared_ptr<chat::ClientSession> client_;
  FrameFormat format_ = FrameFormat::Binary;
  bool closing_ = false;
  bool writing_ = false;
  LiveSessions* sessions_;  // where a drain finds this connection (issue 9)
  bool open_ = false;       // the WebSocket handshake is done: frames may be written
  bool draining_ = false;   // Draining was sent: new requests are refused
  std::optional<DrainNotice> drain_notice_;
  bool close_when_flushed_ = false;  // close (1012) once the queue is empty
};

}  // namespace ws_detail

// Takes over the stream (its timeouts off) and the upgrade request; runs until the connection
// closes.
template <class NextLayer>
void run_websocket(NextLayer stream, UpgradeRequest request, const ConnectionEnv& env) {
  std::make_shared<ws_detail::WsSession<NextLayer>>(std::move(stream), env)
      ->start(std::move(request));
}

}  // namespace kefu::net
