// Client::Impl's connection lifecycle: connect (resolving names off-thread), handshake,
// notice the loss of the connection, reconnect with exponential backoff.
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <algorithm>
#include <utility>

#include <spdlog/spdlog.h>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/post.hpp>

#include "core/node_metrics.h"
#include "redis/client_detail.h"
#include "redis/client_impl.h"
#include "redis/hiredis_asio.h"

namespace kefu::redis {

using detail::invoke_guarded;
using detail::send_argv;

namespace {

// Detects a peer that vanished without closing (no FIN): otherwise pending commands would
// wait forever. Best effort: failures leave the socket as it was.
void enable_keepalive(int fd) {
  int on = 1;
  int idle = 15;
  int interval = 5;
  int count = 3;
  (void)::setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof on);
  (void)::setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &idle, sizeof idle);
  (void)::setsockopt(fd, IPPROTO_TCP, TCP_KEEPINTVL, &interval, sizeof interval);
  (void)::setsockopt(fd, IPPROTO_TCP, TCP_KEEPCNT, &count, sizeof count);
}

}  // namespace

void Client::Impl::start() {
  if (running) return;
  running = true;
  backoff = options.backoff_min;
  failure_logged = false;
  // A context still being freed (stop() from inside a callback) reconnects from
  // context_gone() once hiredis is done with it.
  if (ac == nullptr) connect_now();
}

void Client::Impl::stop() {
  if (!running && ac == nullptr) return;
  running = false;
  ++attempt;  // stale timer and resolver completions are ignored
  reconnect_timer.cancel();
  connect_timer.cancel();
  resolver.cancel();
  if (state == State::Connected) spdlog::info("redis {}: connection closed (stopped)", where());
  state = State::Idle;
  if (ac != nullptr) redisAsyncFree(ac);  // → pending callbacks, then context_gone()
}

void Client::Impl::connect_now() {
  const std::uint64_t id = ++attempt;
  last_error.clear();
  connect_timer.expires_after(options.connect_timeout);
  connect_timer.async_wait([weak = weak_from_this(), id](const boost::system::error_code& ec) {
    auto self = weak.lock();
    if (!self || ec || self->attempt != id) return;
    if (self->state == State::Idle || self->state == State::Connected) return;
    self->last_error =
        "timed out after " + std::to_string(self->options.connect_timeout.count()) + " ms";
    if (self->ac != nullptr) {
      redisAsyncFree(self->ac);  // → context_gone(), which schedules the retry
    } else {
      ++self->attempt;  // drop the resolver's completion
      self->resolver.cancel();
      self->state = State::Idle;
      self->connect_failed(self->last_error);
      self->schedule_reconnect();
    }
  });

  boost::system::error_code ec;
  (void)boost::asio::ip::make_address(endpoint.host, ec);
  if (!ec) {
    connect_to(endpoint.host);
    return;
  }
  // hiredis would resolve a name with a blocking getaddrinfo(); Asio resolves off-thread.
  state = State::Resolving;
  resolver.async_resolve(
      endpoint.host, std::to_string(endpoint.port),
      [weak = weak_from_this(), id](const boost::system::error_code& rec,
                                    boost::asio::ip::tcp::resolver::results_type results) {
        auto self = weak.lock();
        if (!self || self->attempt != id || self->state != State::Resolving) return;
        if (rec || results.empty()) {
          self->state = State::Idle;
          self->connect_failed("cannot resolve " + self->endpoint.host + ": " +
                               (rec ? rec.message() : std::string("no address")));
          self->schedule_reconnect();
          return;
        }
        // Prefer IPv4: "localhost" often resolves to ::1 first while Redis listens on
        // 127.0.0.1 only (its default bind is IPv4-first too).
        auto chosen = results.begin();
        for (auto it = results.begin(); it != results.end(); ++it) {
          if (it->endpoint().address().is_v4()) {
            chosen = it;
            break;
          }
        }
        self->connect_to(chosen->endpoint().address().to_string());
      });
}

void Client::Impl::connect_to(const std::string& ip) {
  state = State::Connecting;
  ac = redisAsyncConnect(ip.c_str(), endpoint.port);
  std::string failure;
  if (ac == nullptr) {
    failure = "cannot allocate a hiredis context";
  } else if (ac->err != 0) {
    failure = ac->errstr;
  } else {
    ac->data = this;
    // The cleanup hook runs only inside hiredis calls made while this Impl is alive.
    if (!HiredisAsio::attach(io, ac, weak_from_this(),
                             [this](std::string_view why) { context_gone(why); })) {
      failure = "cannot watch the socket";
    }
  }
  if (!failure.empty()) {
    if (ac != nullptr) redisAsyncFree(ac);  // hooks not installed: no context_gone()
    ac = nullptr;
    state = State::Idle;
    connect_timer.cancel();
    connect_failed(failure);
    schedule_reconnect();
    return;
  }
  // Installing the connect callback asks for writability: the first writable event
  // completes the non-blocking connect.
  redisAsyncSetConnectCallback(ac, &Impl::on_tcp_connected);
}

void Client::Impl::on_tcp_connected(const redisAsyncContext* c, int status) {
  // On failure hiredis frees the context right after this returns; context_gone() follows.
  if (status != REDIS_OK) return;
  auto* self = static_cast<Impl*>(c->data);
  // Posted: hiredis is in the middle of its connect handling and must not see user code
  // (which might stop the client and free the context under it).
  boost::asio::post(self->io, [weak = self->weak_from_this(), id = self->attempt] {
    auto s = weak.lock();
    if (s && s->attempt == id) s->begin_handshake(id);
  });
}

void Client::Impl::begin_handshake(std::uint64_t id) {
  if (state != State::Connecting || ac == nullptr || attempt != id) return;
  state = State::Handshaking;
  enable_keepalive(ac->c.fd);
  // SELECT the database, or PING: "connected" means Redis answers, not just that TCP is up.
  const std::string db = std::to_string(endpoint.db);
  std::string_view select[] = {"SELECT", db};
  std::string_view ping[] = {"PING"};
  std::span<const std::string_view> args = endpoint.db != 0
                                               ? std::span<const std::string_view>(select)
                                               : std::span<const std::string_view>(ping);
  if (send_argv(ac, &Impl::on_handshake_reply, nullptr, args) != REDIS_OK) {
    last_error = "cannot send the handshake";
    redisAsyncFree(ac);
  }
}

void Client::Impl::on_handshake_reply(redisAsyncContext* c, void* reply, void*) {
  if (reply == nullptr) return;  // the connection is going away; context_gone() follows
  auto* self = static_cast<Impl*>(c->data);
  if (self->state != State::Handshaking) return;  // stopped meanwhile
  const auto* r = static_cast<const redisReply*>(reply);
  if (r->type == REDIS_REPLY_ERROR) {
    self->last_error = std::string("handshake refused: ") + std::string(r->str, r->len);
    redisAsyncFree(c);  // deferred by hiredis until this callback returns
    return;
  }
  self->finish_handshake();
}

void Client::Impl::finish_handshake() {
  state = State::Connected;
  loaded_scripts.clear();  // a new connection may be to a new (or restarted) Redis
  connect_timer.cancel();
  backoff = options.backoff_min;
  failure_logged = false;
  node_metrics().redis_connects.fetch_add(1, std::memory_order_relaxed);
  spdlog::info("redis {}: connected", where());
  if (subscriber && !channels.empty()) send_subscribe(channels);
  // Copied: a handler may register another one.
  const auto handlers = connect_handlers;
  for (const auto& handler : handlers) invoke_guarded("on_connect handler", handler);
}

void Client::Impl::context_gone(std::string_view why) {
  ac = nullptr;
  connect_timer.cancel();
  const bool was_connected = state == State::Connected;
  state = State::Idle;
  std::string reason = !why.empty() ? std::string(why) : last_error;
  if (reason.empty()) reason = "connection closed";
  if (was_connected) {
    spdlog::warn("redis {}: connection lost ({}); reconnecting", where(), reason);
    failure_logged = true;  // the outage is logged; the retries stay quiet
    // Copied: a handler may register another one. Posted: hiredis is freeing the context.
    boost::asio::post(io, [weak = weak_from_this(), handlers = disconnect_handlers] {
      if (!weak.lock()) return;
      for (const auto& handler : handlers) invoke_guarded("on_disconnect handler", handler);
    });
  }
  if (!running) return;
  if (!was_connected) connect_failed(reason);
  schedule_reconnect();
}

void Client::Impl::connect_failed(std::string_view why) {
  if (failure_logged) {
    spdlog::debug("redis {}: connect failed: {}", where(), why);
    return;
  }
  failure_logged = true;
  spdlog::warn("redis {}: cannot connect ({}); retrying every {}..{} ms", where(), why,
               options.backoff_min.count(), options.backoff_max.count());
}

void Client::Impl::schedule_reconnect() {
  const auto delay = backoff;
  backoff = std::min(backoff * 2, options.backoff_max);
  reconnect_timer.expires_after(delay);
  reconnect_timer.async_wait(
      [weak = weak_from_this(), id = attempt](const boost::system::error_code& ec) {
        auto self = weak.lock();
        if (!self || ec || self->attempt != id || !self->running || self->ac != nullptr) return;
        self->connect_now();
      });
}

}  // namespace kefu::redis
