#pragma once
// The Redis Cluster behind Client (issue 9; internal to server/redis/).
//
// It keeps the slot map (CLUSTER SLOTS, asked of any reachable node, seeds first until a map is
// known) and one single-Redis Client per master, which brings its own connect/reconnect state
// machine and pipelining. A command goes to the master of its key's slot (cluster_slots.h).
//
// Retry rule ("nothing acknowledged lost or duplicated"): a command Redis refused without
// running it is re-sent — after -MOVED (to the new owner, and the map is refreshed), -ASK
// (ASKING then the command, pipelined on the importing node's connection), -TRYAGAIN and
// -CLUSTERDOWN (after a short backoff), and when the node's connection was down so the command
// never left. Bounded: kMaxRedirects and kMaxRetries. A command whose reply was lost with its
// connection may or may not have run: it is answered "unavailable" as on a single Redis, and
// the client's resend with the same client message id is idempotent in the Lua scripts.
//
// A subscriber Cluster holds one shard subscriber (SSUBSCRIBE) per master owning any of its
// channels, and rebuilds a master's subscriber when the map moves one of its channels, when
// Redis drops a channel (sunsubscribe after a slot migration) or when its connection is lost.
// connected() goes false meanwhile and on_connect handlers run when it is back, so the
// worker's catch-up (missed events) covers the gap.
//
// All of it runs on the one io_context thread (no locks); handlers hold weak_ptrs.
#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "redis/client.h"
#include "redis/cluster_slots.h"

namespace kefu::redis {

struct Client::Cluster : std::enable_shared_from_this<Client::Cluster> {
  // A command on its way, kept until its final answer: it may be re-sent elsewhere.
  struct Request {
    std::vector<std::string> argv;
    Callback cb;
    std::optional<std::uint16_t> slot;  // none: keyless, any master
    int redirects = 0;
    int retries = 0;
    std::string ask_target;  // set while following -ASK: the importing node, asked once
    ScriptSource script;     // an EVALSHA's source, loaded where it goes (else null)
    std::vector<std::string_view> views() const { return {argv.begin(), argv.end()}; }
  };

  // A slot migration may answer -ASK then -TRYAGAIN on every retry, then -MOVED.
  static constexpr int kMaxRedirects = 16;
  static constexpr int kMaxRetries = 6;  // 50 ms doubling: ~3 s, a failover's usual length
  static constexpr std::chrono::milliseconds kRetryBackoff{50};
  static constexpr std::chrono::milliseconds kMinRefreshGap{100};

  Cluster(boost::asio::io_context& io, ClusterSeeds seeds, Options options);

  void start();
  void stop();
  bool connected() const { return ready; }
  bool connected_for(std::string_view key) const;
  std::string node_of(std::string_view key) const;
  // The command connection to this node exists and is up.
  bool connected_to(const cluster::NodeAddress& node) const;
  // script: see Client::command with a ScriptSource; loaded on whichever master runs it.
  void command(std::span<const std::string_view> args, Callback cb, ScriptSource script = nullptr);
  void subscribe(std::vector<std::string> channels, MessageHandler handler);
  void on_connect(std::function<void()> handler) { connect_handlers.push_back(std::move(handler)); }

  // The slot map (cluster_map.cpp).
  void request_refresh();
  void refresh_after(std::chrono::milliseconds delay);
  void refresh_now();
  void apply_slots(const Reply& reply, const std::string& asked_host);
  void schedule_periodic_refresh();
  Client& node(const cluster::NodeAddress& address);  // the command connection, made on demand
  Client* connected_node();                           // any, masters first
  const cluster::NodeAddress* owner(std::uint16_t slot) const;
  void check_ready();

  // Commands (cluster_commands.cpp).
  void dispatch(const std::shared_ptr<Request>& request);
  void send(const cluster::NodeAddress& to, const std::shared_ptr<Request>& request, bool asking);
  void on_reply(const std::shared_ptr<Request>& request, const Reply& reply);
  void retry_later(const std::shared_ptr<Request>& request, const Reply& reply);
  void finish(const std::shared_ptr<Request>& request, const Reply& reply);

  // Shard subscriptions (cluster_bus.cpp).
  void regroup_subscriptions();
  bool subscriptions_ready() const;
  void subscription_lost(const std::string& master, std::string_view channel);

  boost::asio::io_context& io;
  const std::vector<cluster::NodeAddress> seeds;
  const std::chrono::milliseconds refresh_interval;
  const Options options;

  bool running = false;
  bool ready = false;
  std::vector<std::function<void()>> connect_handlers;

  // The map: slot → index in masters (-1: not served).
  std::vector<cluster::NodeAddress> masters;
  std::vector<std::int16_t> slot_owner;
  bool map_known = false;
  bool refreshing = false;
  bool refresh_again = false;           // asked for while one was in flight
  bool refresh_problem_logged = false;  // one log line per streak of failed refreshes
  int refresh_failures = 0;             // in a row: the next attempt waits longer
  std::chrono::steady_clock::time_point last_refresh{};
  boost::asio::steady_timer periodic_timer;
  boost::asio::steady_timer soon_timer;  // a refresh asked for within kMinRefreshGap
  bool soon_pending = false;

  // Command connections by "host:port" (seeds and masters). Never dropped while running: a node
  // that left the map stays quiet, and one coming back (a failed master rejoining as a replica,
  // then promoted again) is reused.
  std::map<std::string, std::unique_ptr<Client>> nodes;
  std::size_t waiting = 0;  // requests parked for a retry; bounded like a connection's queue

  // Subscriber side.
  bool subscriber = false;
  std::vector<std::string> channels;
  std::shared_ptr<const MessageHandler> message_handler;
  struct Subscription {
    std::vector<std::string> channels;
    std::unique_ptr<Client> connection;
    bool stale = false;  // Redis dropped or refused a channel: rebuild after the next refresh
  };
  std::map<std::string, Subscription> subscriptions;  // by master "host:port"
};

// The endpoint of a master, for its single-Redis Client (a cluster has database 0 only).
Endpoint endpoint_of(const cluster::NodeAddress& address);

}  // namespace kefu::redis
