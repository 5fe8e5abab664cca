// Client::Cluster: the slot map, its refreshes, the command connections and readiness.
// Commands are routed in cluster_commands.cpp, shard subscriptions kept in cluster_bus.cpp.
#include "redis/cluster_client.h"

#include <algorithm>
#include <utility>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "core/node_metrics.h"
#include "redis/client_detail.h"

namespace kefu::redis {

using detail::invoke_guarded;

namespace {

std::vector<cluster::NodeAddress> addresses_of(const std::vector<Endpoint>& endpoints) {
  std::vector<cluster::NodeAddress> out;
  for (const auto& e : endpoints) out.push_back({e.host, e.port});
  return out;
}

}  // namespace

Endpoint endpoint_of(const cluster::NodeAddress& address) {
  Endpoint e;
  e.host = address.host;
  e.port = address.port;
  e.db = 0;
  return e;
}

Client::Cluster::Cluster(boost::asio::io_context& io_context, ClusterSeeds cluster_seeds,
                         Options opts)
    : io(io_context),
      seeds(addresses_of(cluster_seeds.seeds)),
      refresh_interval(std::max(cluster_seeds.refresh_interval, std::chrono::milliseconds{100})),
      options(opts),
      slot_owner(cluster::kSlots, -1),
      periodic_timer(io_context),
      soon_timer(io_context) {}

void Client::Cluster::start() {
  if (running) return;
  running = true;
  // Every seed is asked until one answers: the first to connect triggers the first refresh.
  for (const auto& seed : seeds) node(seed);
  schedule_periodic_refresh();
}

void Client::Cluster::stop() {
  if (!running) return;
  running = false;
  ready = false;
  periodic_timer.cancel();
  soon_timer.cancel();
  // Destroyed, not just stopped: their pending callbacks get "unavailable" now, and their
  // subscriptions end.
  for (auto& [name, sub] : subscriptions) sub.connection.reset();
  subscriptions.clear();
  for (auto& [name, client] : nodes) client->stop();
}

Client& Client::Cluster::node(const cluster::NodeAddress& address) {
  const std::string name = address.name();
  auto it = nodes.find(name);
  if (it != nodes.end()) return *it->second;
  auto client = std::make_unique<Client>(io, endpoint_of(address), options);
  std::weak_ptr<Cluster> weak = weak_from_this();
  client->on_connect([weak] {
    auto self = weak.lock();
    if (!self || !self->running) return;
    if (!self->map_known) self->request_refresh();
    self->check_ready();
  });
  // A lost master may be failing over: ask for the map again (rate-limited; its replica's
  // promotion shows in a later refresh, the periodic one at the latest).
  client->on_disconnect([weak] {
    auto self = weak.lock();
    if (!self || !self->running) return;
    self->request_refresh();
    self->check_ready();
  });
  auto& ref = *client;
  nodes.emplace(name, std::move(client));
  if (running) ref.start();
  return ref;
}

bool Client::Cluster::connected_to(const cluster::NodeAddress& node) const {
  const auto it = nodes.find(node.name());
  return it != nodes.end() && it->second->connected();
}

Client* Client::Cluster::connected_node() {
  for (const auto& m : masters)
    if (connected_to(m)) return nodes.find(m.name())->second.get();
  for (auto& [name, client] : nodes)
    if (client->connected()) return client.get();
  return nullptr;
}

bool Client::Cluster::connected_for(std::string_view key) const {
  if (!running || !map_known) return false;
  const cluster::NodeAddress* master = owner(cluster::key_slot(key));
  return master && connected_to(*master);
}

std::string Client::Cluster::node_of(std::string_view key) const {
  const cluster::NodeAddress* master = map_known ? owner(cluster::key_slot(key)) : nullptr;
  return master ? master->name() : std::string();
}

const cluster::NodeAddress* Client::Cluster::owner(std::uint16_t slot) const {
  const auto index = slot_owner[slot];
  return index < 0 ? nullptr : &masters[static_cast<std::size_t>(index)];
}

void Client::Cluster::schedule_periodic_refresh() {
  periodic_timer.expires_after(refresh_interval);
  periodic_timer.async_wait([weak = weak_from_this()](const boost::system::error_code& ec) {
    auto self = weak.lock();
    if (!self || ec || !self->running) return;
    self->request_refresh();
    self->schedule_periodic_refresh();
  });
}

void Client::Cluster::request_refresh() {
  if (!running) return;
  if (refreshing) {
    refresh_again = true;
    return;
  }
  const auto since = std::chrono::steady_clock::now() - last_refresh;
  if (since >= kMinRefreshGap) {
    refresh_now();
    return;
  }
  // A burst of redirects or lost connections makes one refresh, not one each.
  refresh_after(std::chrono::duration_cast<std::chrono::milliseconds>(kMinRefreshGap - since));
}

void Client::Cluster::refresh_after(std::chrono::milliseconds delay) {
  if (soon_pending) return;
  soon_pending = true;
  soon_timer.expires_after(delay);
  soon_timer.async_wait([weak = weak_from_this()](const boost::system::error_code& ec) {
    auto self = weak.lock();
    if (!self || ec) return;
    self->soon_pending = false;
    self->request_refresh();
  });
}

void Client::Cluster::refresh_now() {
  last_refresh = std::chrono::steady_clock::now();
  Client* asked = connected_node();
  if (asked == nullptr) {
    // Nobody to ask yet. Every known node keeps reconnecting with backoff, and the first one
    // back asks (its on_connect); the periodic refresh tries again meanwhile.
    for (const auto& seed : seeds) node(seed);
    if (!refresh_problem_logged) {
      refresh_problem_logged = true;
      std::vector<std::string> names;
      for (const auto& [name, client] : nodes) names.push_back(name);
      spdlog::warn("redis cluster: no node reachable (tried {}); retrying", fmt::join(names, ", "));
    }
    return;
  }
  refreshing = true;
  std::string host;
  for (const auto& [name, client] : nodes)
    if (client.get() == asked) host = name.substr(0, name.rfind(':'));
  asked->command({"CLUSTER", "SLOTS"}, [weak = weak_from_this(), host](const Reply& reply) {
    auto self = weak.lock();
    if (!self) return;
    self->refreshing = false;
    if (!self->running) return;
    self->apply_slots(reply, host);
    if (self->refresh_again) {
      self->refresh_again = false;
      self->request_refresh();
    }
  });
}

void Client::Cluster::apply_slots(const Reply& reply, const std::string& asked_host) {
  std::vector<cluster::SlotRange> ranges;
  std::string error;
  if (!cluster::parse_cluster_slots(reply, asked_host, ranges, error)) {
    // A malformed or refused answer (not a cluster, still being created, the node lost):
    // keep the map we have and ask again soon.
    if (!refresh_problem_logged) {
      refresh_problem_logged = true;
      spdlog::warn("redis cluster: cannot read the slot map from {}: {}; asking again", asked_host,
                   error);
    }
    // 200 ms, doubling up to the refresh interval: a node that is not (yet) a cluster is
    // asked again without being flooded.
    const int doublings = std::min(refresh_failures++, 5);
    refresh_after(std::min(refresh_interval, kMinRefreshGap * 2 * (1 << doublings)));
    return;
  }
  refresh_problem_logged = false;
  refresh_failures = 0;
  node_metrics().redis_cluster_refreshes.fetch_add(1, std::memory_order_relaxed);

  std::vector<cluster::NodeAddress> new_masters;
  std::vector<std::int16_t> new_owner(cluster::kSlots, -1);
  for (const auto& range : ranges) {
    auto it = std::find(new_masters.begin(), new_masters.end(), range.master);
    if (it == new_masters.end()) it = new_masters.insert(new_masters.end(), range.master);
    const auto index = static_cast<std::int16_t>(it - new_masters.begin());
    for (std::size_t slot = range.first; slot <= range.last; ++slot) new_owner[slot] = index;
  }
  const bool changed = !map_known || new_masters != masters || new_owner != slot_owner;
  masters = std::move(new_masters);
  slot_owner = std::move(new_owner);
  map_known = true;
  if (changed) {
    std::vector<std::string> names;
    for (const auto& m : masters) names.push_back(m.name());
    const auto served =
        std::count_if(slot_owner.begin(), slot_owner.end(), [](std::int16_t o) { return o >= 0; });
    spdlog::info("redis cluster: slot map: {} masters ({}), {} of {} slots served", masters.size(),
                 fmt::join(names, ", "), served, cluster::kSlots);
  }
  for (const auto& m : masters) node(m);
  if (subscriber) regroup_subscriptions();
  check_ready();
}

void Client::Cluster::check_ready() {
  bool now = running && map_known;
  if (now && subscriber) {
    now = subscriptions_ready();
  } else if (now) {
    now = std::all_of(masters.begin(), masters.end(),
                      [this](const cluster::NodeAddress& m) { return connected_to(m); });
  }
  if (now == ready) return;
  ready = now;
  if (!ready) return;
  spdlog::info("redis cluster: {} ready on {} masters", subscriber ? "subscriptions" : "commands",
               masters.size());
  // Copied: a handler may register another one.
  const auto handlers = connect_handlers;
  for (const auto& handler : handlers) invoke_guarded("cluster on_connect handler", handler);
}

}  // namespace kefu::redis
