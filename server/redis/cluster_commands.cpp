// Client::Cluster: routing commands to the master of their slot, following -MOVED and -ASK,
// and retrying what Redis refused without running (see the retry rule in cluster_client.h).
#include <algorithm>

#include <spdlog/spdlog.h>

#include "core/node_metrics.h"
#include "redis/client_detail.h"
#include "redis/cluster_client.h"

namespace kefu::redis {

using detail::invoke_guarded;
using detail::post_unavailable;

namespace {

// The single-Redis client's "not connected" answer: the command never left this process.
bool never_sent(const Reply& reply) {
  return reply.is_unavailable() &&
         std::string_view(reply.str).find("not connected") != std::string_view::npos;
}

bool starts_with_code(const Reply& reply, std::string_view code) {
  return reply.is_error() && std::string_view(reply.str).starts_with(code) &&
         (reply.str.size() == code.size() || reply.str[code.size()] == ' ');
}

}  // namespace

void Client::Cluster::command(std::span<const std::string_view> args, Callback cb,
                              ScriptSource script) {
  if (args.empty()) return post_unavailable(io, std::move(cb), "empty command");
  if (subscriber)
    return post_unavailable(io, std::move(cb), "a subscriber connection sends no commands");
  if (!running) return post_unavailable(io, std::move(cb), "redis cluster client stopped");
  auto request = std::make_shared<Request>();
  request->argv.assign(args.begin(), args.end());
  request->cb = std::move(cb);
  request->script = std::move(script);
  if (auto index = cluster::key_index(args)) request->slot = cluster::key_slot(args[*index]);
  dispatch(request);
}

void Client::Cluster::dispatch(const std::shared_ptr<Request>& request) {
  const cluster::NodeAddress* to = nullptr;
  if (request->slot) {
    to = owner(*request->slot);
  } else if (!masters.empty()) {
    // Keyless: any master, a connected one if there is.
    to = &masters.front();
    for (const auto& m : masters)
      if (connected_to(m)) {
        to = &m;
        break;
      }
  }
  if (to == nullptr) {
    request_refresh();
    const std::string why = !map_known ? std::string("redis cluster: slot map not known yet")
                                       : "redis cluster: no master serves slot " +
                                             std::to_string(request->slot.value_or(0));
    // Not sent: safe to retry once the map is known.
    return retry_later(request, Reply::unavailable(why));
  }
  send(*to, request, false);
}

void Client::Cluster::send(const cluster::NodeAddress& to, const std::shared_ptr<Request>& request,
                           bool asking) {
  Client& connection = node(to);
  // ASKING and the command are pipelined on one connection: ASKING holds for the next command
  // only, and replies come back in order.
  if (asking) connection.command({"ASKING"}, nullptr);
  const auto views = request->views();
  // request->script: null for anything but a script's EVALSHA.
  connection.command(
      views,
      [weak = weak_from_this(), request](const Reply& reply) {
        auto self = weak.lock();
        if (!self) {
          if (request->cb) request->cb(reply);
          return;
        }
        self->on_reply(request, reply);
      },
      request->script);
}

void Client::Cluster::on_reply(const std::shared_ptr<Request>& request, const Reply& reply) {
  if (!reply.is_error()) return finish(request, reply);
  auto& metrics = node_metrics();
  if (auto redirect = cluster::parse_redirect(reply.str)) {
    // Refused by Redis, not run: re-sending is safe.
    metrics.redis_cluster_redirects.fetch_add(1, std::memory_order_relaxed);
    if (++request->redirects > kMaxRedirects) return finish(request, reply);
    if (redirect->kind == cluster::Redirect::Kind::Moved) {
      // The slot lives elsewhere for good: note it at once, and learn the rest of the map.
      auto it = std::find(masters.begin(), masters.end(), redirect->target);
      if (it == masters.end()) it = masters.insert(masters.end(), redirect->target);
      slot_owner[redirect->slot] = static_cast<std::int16_t>(it - masters.begin());
      request_refresh();
      request->ask_target.clear();
      return send(redirect->target, request, false);
    }
    // -ASK: the slot is being migrated and this key is on the importing node already; the
    // map stays as it is until the migration ends (then -MOVED says so).
    request->ask_target = redirect->target.name();
    return send(redirect->target, request, true);
  }
  if (starts_with_code(reply, "TRYAGAIN") || starts_with_code(reply, "CLUSTERDOWN") ||
      never_sent(reply)) {
    // TRYAGAIN: a multi-key command during a slot migration. CLUSTERDOWN: a master failed and
    // no replica took over yet. Not connected: the command never left. None ran.
    if (!starts_with_code(reply, "TRYAGAIN")) request_refresh();
    return retry_later(request, reply);
  }
  finish(request, reply);
}

void Client::Cluster::retry_later(const std::shared_ptr<Request>& request, const Reply& reply) {
  if (request->retries >= kMaxRetries || waiting >= options.max_pending || !running) {
    if (reply.is_unavailable()) node_metrics().redis_errors.fetch_add(1, std::memory_order_relaxed);
    // Posted: dispatch() may run inside command(), whose caller expects no inline answer.
    auto cb = std::move(request->cb);
    if (cb) boost::asio::post(io, [cb = std::move(cb), reply] { cb(reply); });
    return;
  }
  const auto delay = kRetryBackoff * (1 << request->retries);
  ++request->retries;
  ++waiting;
  node_metrics().redis_cluster_retries.fetch_add(1, std::memory_order_relaxed);
  auto timer = std::make_shared<boost::asio::steady_timer>(io, delay);
  timer->async_wait(
      [weak = weak_from_this(), request, timer, reply](const boost::system::error_code& ec) {
        auto self = weak.lock();
        if (!self) {
          if (request->cb) invoke_guarded("reply callback", request->cb, reply);
          return;
        }
        --self->waiting;
        if (ec || !self->running) return self->finish(request, reply);
        if (!request->ask_target.empty()) {
          cluster::NodeAddress target;
          if (cluster::parse_node_address(request->ask_target, target))
            return self->send(target, request, true);
        }
        self->dispatch(request);
      });
}

void Client::Cluster::finish(const std::shared_ptr<Request>& request, const Reply& reply) {
  if (request->cb) invoke_guarded("reply callback", request->cb, reply);
}

}  // namespace kefu::redis
