#pragma once
// Redis through hiredis's async API, driven by Asio (DESIGN.md: no blocking call on an I/O
// thread). One Client is one connection, used from one io_context's thread only (no locks).
// Commands are pipelined: they are written as soon as the socket is writable, and replies
// come back in order. On a lost connection every pending callback gets an "unavailable"
// error reply and the client reconnects with exponential backoff.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "redis/reply.h"

namespace kefu::redis {

struct Endpoint {
  std::string host = "127.0.0.1";
  std::uint16_t port = 6379;
  int db = 0;
  // redis://host:port[/db]; returns false on a malformed URL.
  static bool parse(std::string_view url, Endpoint& out);
};

struct Options {
  std::size_t max_pending = 10000;  // commands sent but not yet answered; beyond → unavailable
  std::chrono::milliseconds backoff_min{50};
  std::chrono::milliseconds backoff_max{2000};
  std::chrono::milliseconds connect_timeout{2000};
};

using Callback = std::function<void(const Reply&)>;
// Pub/sub: (channel, payload) of each message on a subscribed channel.
using MessageHandler = std::function<void(std::string_view channel, std::string_view payload)>;

class Client {
 public:
  Client(boost::asio::io_context& io, Endpoint endpoint, Options options = {});
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // Connects, and keeps reconnecting until stop().
  void start();
  void stop();
  bool connected() const;

  // Sends one command; cb runs on this client's io_context thread with the reply, or with an
  // unavailable error if the command could not be sent or its answer was lost.
  // A null cb is allowed (fire and forget). The arguments are copied before this returns.
  void command(std::span<const std::string_view> args, Callback cb);
  void command(std::initializer_list<std::string_view> args, Callback cb);

  // Turns this connection into a subscriber: the channels are (re)subscribed on every
  // (re)connect, and handler gets every message. A subscriber connection sends no commands.
  void subscribe(std::vector<std::string> channels, MessageHandler handler);

  // Called after every successful (re)connect, e.g. to reload scripts or resync state.
  void on_connect(std::function<void()> handler);

 private:
  friend class Script;  // a NOSCRIPT retry goes to the same connection, if it still exists
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

// A Lua script, called by EVALSHA with a fallback to EVAL when Redis does not know it
// (NOSCRIPT after a restart). Scripts are the only way Kefu makes a multi-key decision.
class Script {
 public:
  explicit Script(std::string source);
  const std::string& sha1() const { return sha1_; }
  const std::string& source() const { return *source_; }

  void call(Client& client, std::span<const std::string_view> keys,
            std::span<const std::string_view> args, Callback cb) const;

 private:
  // Shared with calls in flight: their EVAL fallback needs the source after this returns.
  std::shared_ptr<const std::string> source_;
  std::string sha1_;
};

}  // namespace kefu::redis
