// Client: forwarding to the shared Impl, commands and subscriptions. The connection
// lifecycle is in client_connection.cpp.
#include <algorithm>
#include <array>
#include <utility>

#include <spdlog/spdlog.h>

#include "core/node_metrics.h"
#include "redis/client_detail.h"
#include "redis/client_impl.h"
#include "redis/cluster_client.h"
#include "redis/hiredis_reply.h"

namespace kefu::redis {

using detail::invoke_guarded;
using detail::post_unavailable;
using detail::send_argv;

namespace {

// A command waiting for its reply: the caller's callback and when it left, for the latency
// figure of /metrics.
struct PendingCommand {
  Callback cb;
  std::chrono::steady_clock::time_point sent;
};

void refuse(boost::asio::io_context& io, Callback cb, std::string_view why) {
  node_metrics().redis_errors.fetch_add(1, std::memory_order_relaxed);
  post_unavailable(io, std::move(cb), why);
}

// Redis's own error codes: a fault worth counting. NOSCRIPT is handled by Script (EVAL
// follows) and our scripts' answers (NOT_FOUND, CONFLICT, …) are outcomes, not faults.
bool is_redis_fault(std::string_view error) {
  constexpr std::string_view kCodes[] = {"ERR",       "WRONGTYPE",  "OOM",         "BUSY",
                                         "LOADING",   "READONLY",   "MISCONF",     "NOAUTH",
                                         "NOPERM",    "MASTERDOWN", "CLUSTERDOWN", "TRYAGAIN",
                                         "EXECABORT", "MOVED",      "ASK",         "CROSSSLOT"};
  const std::string_view code = error.substr(0, error.find(' '));
  for (std::string_view c : kCodes)
    if (code == c) return true;
  return false;
}

}  // namespace

// ---- Client: thin forwarding to the shared Impl (single Redis) or Cluster ----

Client::Client(boost::asio::io_context& io, Endpoint endpoint, Options options)
    : impl_(std::make_shared<Impl>(io, std::move(endpoint), options)) {}

Client::Client(boost::asio::io_context& io, const Target& target, Options options) {
  if (target.is_cluster())
    cluster_ = std::make_shared<Cluster>(io, target.cluster, options);
  else
    impl_ = std::make_shared<Impl>(io, target.endpoint, options);
}

Client::~Client() {
  // Frees the hiredis context now (pending callbacks get posted unavailable replies). If we
  // are inside one of its callbacks the free is deferred by hiredis, and the Asio handler on
  // the stack keeps the Impl alive until it has happened.
  if (impl_) impl_->stop();
  if (cluster_) cluster_->stop();
}

void Client::start() { impl_ ? impl_->start() : cluster_->start(); }
void Client::stop() { impl_ ? impl_->stop() : cluster_->stop(); }
bool Client::connected() const { return impl_ ? impl_->connected() : cluster_->connected(); }

bool Client::connected_for(std::string_view key) const {
  return impl_ ? impl_->connected() : cluster_->connected_for(key);
}

std::string Client::node_of(std::string_view key) const {
  return impl_ ? std::string() : cluster_->node_of(key);
}

void Client::command(std::span<const std::string_view> args, Callback cb) {
  if (impl_)
    impl_->command(args, std::move(cb));
  else
    cluster_->command(args, std::move(cb));
}

void Client::command(std::span<const std::string_view> args, Callback cb,
                     const ScriptSource& script) {
  if (impl_)
    impl_->command(args, std::move(cb), script.get());
  else
    cluster_->command(args, std::move(cb), script);
}

void Client::command(std::initializer_list<std::string_view> args, Callback cb) {
  command(std::span<const std::string_view>(args.begin(), args.size()), std::move(cb));
}

void Client::subscribe(std::vector<std::string> channels, MessageHandler handler) {
  if (impl_)
    impl_->subscribe(std::move(channels), std::move(handler));
  else
    cluster_->subscribe(std::move(channels), std::move(handler));
}

void Client::subscribe_sharded(std::vector<std::string> channels, MessageHandler handler,
                               std::function<void(std::string_view)> lost) {
  if (impl_) impl_->subscribe_sharded(std::move(channels), std::move(handler), std::move(lost));
}

void Client::on_connect(std::function<void()> handler) {
  if (impl_)
    impl_->on_connect(std::move(handler));
  else
    cluster_->on_connect(std::move(handler));
}

void Client::on_disconnect(std::function<void()> handler) {
  if (impl_) impl_->on_disconnect(std::move(handler));
}

void Client::WeakRef::command(std::span<const std::string_view> args, Callback cb) const {
  if (auto i = impl.lock()) return i->command(args, std::move(cb));
  if (auto c = cluster.lock()) return c->command(args, std::move(cb));
  if (cb) cb(Reply::unavailable("redis client stopped"));
}

// ---- Impl ----

Client::Impl::Impl(boost::asio::io_context& io_context, Endpoint ep, Options opts)
    : io(io_context),
      endpoint(std::move(ep)),
      options(opts),
      backoff(opts.backoff_min),
      reconnect_timer(io_context),
      connect_timer(io_context),
      resolver(io_context) {}

Client::Impl::~Impl() {
  // Client::~Client stopped us, and nothing calls into hiredis without holding a reference,
  // so the context is gone by now.
  if (ac != nullptr) redisAsyncFree(ac);
}

std::string Client::Impl::where() const {
  return endpoint.host + ":" + std::to_string(endpoint.port) + "/" + std::to_string(endpoint.db);
}

void Client::Impl::on_connect(std::function<void()> handler) {
  connect_handlers.push_back(std::move(handler));
}

void Client::Impl::on_disconnect(std::function<void()> handler) {
  disconnect_handlers.push_back(std::move(handler));
}

void Client::Impl::command(std::span<const std::string_view> args, Callback cb,
                           const std::string* script) {
  if (state != State::Connected || ac == nullptr) {
    refuse(io, std::move(cb), "not connected to redis " + where());
    return;
  }
  if (subscriber) {
    refuse(io, std::move(cb), "a subscriber connection sends no commands");
    return;
  }
  if (pending >= options.max_pending) {
    refuse(io, std::move(cb), "too many pending redis commands");
    return;
  }
  if (args.empty()) {
    refuse(io, std::move(cb), "empty command");
    return;
  }
  if (script != nullptr && loaded_scripts.insert(script).second) {
    // Pipelined: the EVALSHA behind it finds the script. Its reply is not awaited; if it fails,
    // the EVALSHA gets NOSCRIPT and Script sends EVAL, which reports the script's error.
    const std::array<std::string_view, 3> load{"SCRIPT", "LOAD", *script};
    if (send_argv(ac, &Impl::on_command_reply, nullptr, load) == REDIS_OK) ++pending;
  }
  // A fire-and-forget command carries no privdata: no allocation, and no latency figure.
  auto* privdata =
      cb ? new PendingCommand{std::move(cb), std::chrono::steady_clock::now()} : nullptr;
  if (send_argv(ac, &Impl::on_command_reply, privdata, args) != REDIS_OK) {
    std::unique_ptr<PendingCommand> owned(privdata);
    if (owned) refuse(io, std::move(owned->cb), "redis connection is closing");
    return;
  }
  ++pending;
}

void Client::Impl::on_command_reply(redisAsyncContext* c, void* reply, void* privdata) {
  std::unique_ptr<PendingCommand> command(static_cast<PendingCommand*>(privdata));
  auto* self = static_cast<Impl*>(c->data);
  --self->pending;
  if (!command) return;
  if (reply == nullptr) {
    // hiredis is freeing the context: the command's answer is lost.
    refuse(self->io, std::move(command->cb), "redis connection lost");
    return;
  }
  auto& metrics = node_metrics();
  metrics.redis_latency.record(std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::steady_clock::now() - command->sent));
  const auto& r = *static_cast<const redisReply*>(reply);
  if (r.type == REDIS_REPLY_ERROR && is_redis_fault(std::string_view(r.str, r.len)))
    metrics.redis_errors.fetch_add(1, std::memory_order_relaxed);
  invoke_guarded("reply callback", command->cb, from_hiredis(r));
}

void Client::Impl::subscribe(std::vector<std::string> new_channels, MessageHandler handler) {
  subscriber = true;
  message_handler = std::make_shared<const MessageHandler>(std::move(handler));
  std::vector<std::string> fresh;
  for (auto& channel : new_channels) {
    if (std::find(channels.begin(), channels.end(), channel) != channels.end()) continue;
    channels.push_back(channel);
    fresh.push_back(std::move(channel));
  }
  if (state == State::Connected && ac != nullptr && !fresh.empty()) send_subscribe(fresh);
}

void Client::Impl::subscribe_sharded(std::vector<std::string> new_channels, MessageHandler handler,
                                     std::function<void(std::string_view)> lost) {
  sharded = true;
  lost_handler = std::make_shared<const std::function<void(std::string_view)>>(std::move(lost));
  subscribe(std::move(new_channels), std::move(handler));
}

void Client::Impl::send_subscribe(const std::vector<std::string>& list) {
  std::vector<std::string_view> args;
  args.reserve(list.size() + 1);
  args.emplace_back("SUBSCRIBE");
  for (const auto& channel : list) args.emplace_back(channel);
  // hiredis 0.14 knows SUBSCRIBE but not SSUBSCRIBE: it dispatches a push reply only on a
  // context it saw SUBSCRIBE on (others abort on an unexpected reply), and only to a callback
  // registered under the reply's channel name. So a shard subscriber first subscribes the same
  // names with plain SUBSCRIBE (no one PUBLISHes them on a cluster: Kefu uses SPUBLISH there),
  // then SSUBSCRIBEs each channel on its own (one slot per SSUBSCRIBE); the "ssubscribe",
  // "smessage" and "sunsubscribe" pushes then reach on_subscription_reply by channel name.
  if (send_argv(ac, &Impl::on_subscription_reply, nullptr, args) != REDIS_OK) {
    spdlog::warn("redis {}: cannot send SUBSCRIBE", where());
    return;
  }
  if (!sharded) return;
  for (const auto& channel : list) {
    std::string_view ssubscribe[] = {"SSUBSCRIBE", channel};
    if (send_argv(ac, &Impl::on_subscription_reply, nullptr, ssubscribe) != REDIS_OK)
      spdlog::warn("redis {}: cannot send SSUBSCRIBE {}", where(), channel);
  }
}

void Client::Impl::on_subscription_reply(redisAsyncContext* c, void* reply, void*) {
  if (reply == nullptr) return;  // connection going away; we resubscribe on reconnect
  auto* self = static_cast<Impl*>(c->data);
  const auto* r = static_cast<const redisReply*>(reply);
  if (r->type == REDIS_REPLY_ERROR) {
    // A refused SSUBSCRIBE (-MOVED: the slot is elsewhere by now).
    spdlog::warn("redis {}: subscription refused: {}", self->where(),
                 std::string_view(r->str, r->len));
    if (const auto lost = self->lost_handler; lost && *lost)
      invoke_guarded("subscription lost handler", *lost, std::string_view{});
    return;
  }
  // Subscribe confirmations are ["subscribe", channel, count]; messages are
  // ["message", channel, payload] (["smessage", ...] for a shard channel).
  if (r->type != REDIS_REPLY_ARRAY || r->elements != 3) return;
  const redisReply* kind = r->element[0];
  if (kind->type != REDIS_REPLY_STRING || r->element[1]->type != REDIS_REPLY_STRING) return;
  const std::string_view kind_name(kind->str, kind->len);
  if (kind_name == "sunsubscribe") {
    // Redis drops a shard channel's subscribers when its slot moves to another node.
    const std::string_view channel(r->element[1]->str, r->element[1]->len);
    if (const auto lost = self->lost_handler; lost && *lost)
      invoke_guarded("subscription lost handler", *lost, channel);
    return;
  }
  if (kind_name != "message" && kind_name != "smessage") return;
  if (r->element[2]->type != REDIS_REPLY_STRING) return;
  const auto handler = self->message_handler;  // kept alive even if replaced meanwhile
  if (!handler || !*handler) return;
  const redisReply* channel = r->element[1];
  const redisReply* payload = r->element[2];
  invoke_guarded("message handler", *handler, std::string_view(channel->str, channel->len),
                 std::string_view(payload->str, payload->len));
}

}  // namespace kefu::redis
