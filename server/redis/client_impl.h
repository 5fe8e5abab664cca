#pragma once
// The connection state machine behind Client (internal to server/redis/).
//
// States: Idle → (Resolving) → Connecting → Handshaking → Connected; a lost or failed
// connection goes back to Idle and a timer reconnects after the current backoff.
// The Impl is shared: Asio handlers hold weak_ptrs (a late completion after the Client is
// gone finds nothing), and they hold a shared_ptr while hiredis runs our callbacks, so a
// callback that destroys the Client does not free the Impl under hiredis's feet.
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include <hiredis/async.h>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include "redis/client.h"

namespace kefu::redis {

struct Client::Impl : std::enable_shared_from_this<Client::Impl> {
  enum class State { Idle, Resolving, Connecting, Handshaking, Connected };

  Impl(boost::asio::io_context& io, Endpoint endpoint, Options options);
  ~Impl();

  void start();
  void stop();
  bool connected() const { return state == State::Connected; }
  // script: the source of the script this EVALSHA calls, loaded first if this connection has
  // not sent it yet; nullptr for any other command.
  void command(std::span<const std::string_view> args, Callback cb,
               const std::string* script = nullptr);
  void subscribe(std::vector<std::string> channels, MessageHandler handler);
  void subscribe_sharded(std::vector<std::string> channels, MessageHandler handler,
                         std::function<void(std::string_view)> lost);
  void on_connect(std::function<void()> handler);
  void on_disconnect(std::function<void()> handler);

  // Connection lifecycle.
  void connect_now();
  void connect_to(const std::string& ip);
  void begin_handshake(std::uint64_t attempt);
  void finish_handshake();
  void context_gone(std::string_view why);
  void connect_failed(std::string_view why);
  void schedule_reconnect();  // after the current backoff, which then doubles
  void send_subscribe(const std::vector<std::string>& channels);
  std::string where() const;

  // hiredis callbacks; ac->data is the Impl.
  static void on_tcp_connected(const redisAsyncContext* ac, int status);
  static void on_handshake_reply(redisAsyncContext* ac, void* reply, void* privdata);
  static void on_command_reply(redisAsyncContext* ac, void* reply, void* privdata);
  static void on_subscription_reply(redisAsyncContext* ac, void* reply, void* privdata);

  boost::asio::io_context& io;
  const Endpoint endpoint;
  const Options options;

  bool running = false;
  State state = State::Idle;
  redisAsyncContext* ac = nullptr;
  std::uint64_t attempt = 0;  // tells a stale timer/resolver completion from the current one
  std::chrono::milliseconds backoff;
  bool failure_logged = false;  // one log line per outage, not one per retry
  std::string last_error;       // why the handshake failed, for the log

  std::size_t pending = 0;  // commands sent whose replies have not come back

  // Issue 8: the scripts this connection has sent SCRIPT LOAD for (by their source's address),
  // emptied at every (re)connect. Without it, on a fresh or restarted Redis every call of a
  // script sent before the first NOSCRIPT came back (200 agents logging in at once: 97 calls of
  // one script) failed and went again in full as EVAL.
  std::unordered_set<const std::string*> loaded_scripts;

  boost::asio::steady_timer reconnect_timer;
  boost::asio::steady_timer connect_timer;
  boost::asio::ip::tcp::resolver resolver;

  std::vector<std::function<void()>> connect_handlers;
  std::vector<std::function<void()>> disconnect_handlers;

  bool subscriber = false;
  std::vector<std::string> channels;
  // Shared so a handler replaced (by subscribe()) while it runs stays alive until it returns.
  std::shared_ptr<const MessageHandler> message_handler;
  // Issue 9: the channels are shard channels (SSUBSCRIBE); lost_handler hears when one is
  // dropped by Redis (its slot moved) or a subscription was refused.
  bool sharded = false;
  std::shared_ptr<const std::function<void(std::string_view)>> lost_handler;
};

}  // namespace kefu::redis
