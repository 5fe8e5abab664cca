#pragma once
// Redis through hiredis's async API, driven by Asio (DESIGN.md: no blocking call on an I/O
// thread). A Client is used from one io_context's thread only (no locks).
// On a single Redis, one Client is one connection. Commands are pipelined: they are written as
// soon as the socket is writable, and replies come back in order. On a lost connection every
// pending callback gets an "unavailable" error reply and the client reconnects with
// exponential backoff.
// On a Redis Cluster (issue 9), one Client keeps the slot map and one such connection per
// master, sends each command to the master of its key's slot, and follows -MOVED and -ASK
// (cluster_client.h). Callers see the same API either way.
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

// Issue 9: a Redis Cluster, reached through any of its nodes. The slot map is learnt from the
// first seed that answers and asked again every refresh_interval, after a redirection and
// whenever a master's connection is lost.
struct ClusterSeeds {
  std::vector<Endpoint> seeds;  // empty: not a cluster
  std::chrono::milliseconds refresh_interval{5000};
};

// Where the Redis state lives: a single Redis (endpoint), or a cluster when it has seeds.
struct Target {
  Endpoint endpoint;
  ClusterSeeds cluster;
  bool is_cluster() const { return !cluster.seeds.empty(); }
};

using Callback = std::function<void(const Reply&)>;
// Pub/sub: (channel, payload) of each message on a subscribed channel.
using MessageHandler = std::function<void(std::string_view channel, std::string_view payload)>;

class Client {
 public:
  Client(boost::asio::io_context& io, Endpoint endpoint, Options options = {});
  // A cluster client when target has seeds, else a single-Redis one.
  Client(boost::asio::io_context& io, const Target& target, Options options = {});
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // Connects, and keeps reconnecting until stop().
  void start();
  void stop();
  // Single Redis: the connection is up. Cluster: the slot map is known and every master (or,
  // for a subscriber, every subscription's master) is connected.
  bool connected() const;
  // Whether a command on `key` can be sent now. Single Redis: connected(). Cluster: the master
  // owning the key's slot is connected, whatever the other masters' state (a shop on a healthy
  // master keeps serving while another master fails over).
  bool connected_for(std::string_view key) const;
  // Which Redis serves `key` now: "" on a single Redis (the same one for every key); on a
  // cluster its master's "host:port", or "" while the slot map has no owner for it.
  std::string node_of(std::string_view key) const;
  bool cluster() const { return cluster_ != nullptr; }
  // How a message reaches a shop's bus channel: PUBLISH on a single Redis, SPUBLISH (sharded
  // pub/sub, Redis 7) on a cluster, where it stays on the shards that own the channel's slot.
  std::string_view publish_command() const { return cluster() ? "SPUBLISH" : "PUBLISH"; }

  // Sends one command; cb runs on this client's io_context thread with the reply, or with an
  // unavailable error if the command could not be sent or its answer was lost.
  // A null cb is allowed (fire and forget). The arguments are copied before this returns.
  void command(std::span<const std::string_view> args, Callback cb);
  void command(std::initializer_list<std::string_view> args, Callback cb);

  // Turns this connection into a subscriber: the channels are (re)subscribed on every
  // (re)connect, and handler gets every message. A subscriber connection sends no commands.
  // On a cluster the channels are subscribed with SSUBSCRIBE on the master owning each
  // channel's slot, and moved when the slot moves.
  void subscribe(std::vector<std::string> channels, MessageHandler handler);

  // Single Redis only (the cluster client's shard subscriptions): SSUBSCRIBE the channels,
  // which must all be served by this node; `lost` gets a channel whose slot moved away (Redis
  // sends "sunsubscribe") or "" when Redis refused a subscription (e.g. -MOVED).
  void subscribe_sharded(std::vector<std::string> channels, MessageHandler handler,
                         std::function<void(std::string_view channel)> lost);

  // Called after every successful (re)connect, e.g. to reload scripts or resync state. On a
  // cluster: every time connected() becomes true again.
  void on_connect(std::function<void()> handler);
  // Called when a working connection is lost (single Redis only).
  void on_disconnect(std::function<void()> handler);

 private:
  friend class Script;
  struct Impl;
  struct Cluster;

  // A script's EVALSHA: on a connection that has not sent this script yet, SCRIPT LOAD goes
  // first, pipelined (see Impl::loaded_scripts). `script` is the source EVALSHA names; null
  // for any other command.
  using ScriptSource = std::shared_ptr<const std::string>;
  void command(std::span<const std::string_view> args, Callback cb, const ScriptSource& script);

  // This client's backend as a callback may hold it: a command sent through it after the client
  // is gone is answered unavailable. A NOSCRIPT retry goes where the EVALSHA went, without
  // dangling. A plain value, not a std::function: it rides in every script call's callback.
  struct WeakRef {
    std::weak_ptr<Impl> impl;
    std::weak_ptr<Cluster> cluster;
    void command(std::span<const std::string_view> args, Callback cb) const;
  };
  WeakRef weak_ref() const { return {impl_, cluster_}; }

  std::shared_ptr<Impl> impl_;        // single Redis
  std::shared_ptr<Cluster> cluster_;  // Redis Cluster
};

// A Lua script, called by EVALSHA. Each connection loads it (SCRIPT LOAD) just before its first
// call there, after every (re)connect, so calls on a fresh or restarted Redis do not fail with
// NOSCRIPT; one that still does (SCRIPT FLUSH) is sent again as EVAL. Scripts are the only way
// Kefu makes a multi-key decision.
class Script {
 public:
  explicit Script(std::string source);
  const std::string& sha1() const { return single_.sha1; }
  const std::string& source() const { return *single_.source; }

  // On a cluster the script's keys must name one slot (CROSSSLOT otherwise), and it runs with
  // every redis.call('PUBLISH' turned into SPUBLISH (issue 9: sharded pub/sub).
  void call(Client& client, std::span<const std::string_view> keys,
            std::span<const std::string_view> args, Callback cb) const;

 private:
  struct Variant {
    // Shared with calls in flight: their EVAL fallback needs the source after this returns.
    std::shared_ptr<const std::string> source;
    std::string sha1;
  };
  Variant single_;
  Variant cluster_;
};

}  // namespace kefu::redis
