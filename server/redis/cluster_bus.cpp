// Client::Cluster's shard subscriptions (issue 9): every channel is SSUBSCRIBEd on the master
// owning its slot, through one subscriber connection per such master.
#include <algorithm>
#include <utility>

#include <spdlog/spdlog.h>
#include <boost/asio/post.hpp>

#include "redis/cluster_client.h"

namespace kefu::redis {

void Client::Cluster::subscribe(std::vector<std::string> new_channels, MessageHandler handler) {
  subscriber = true;
  message_handler = std::make_shared<const MessageHandler>(std::move(handler));
  for (auto& channel : new_channels)
    if (std::find(channels.begin(), channels.end(), channel) == channels.end())
      channels.push_back(std::move(channel));
  if (map_known) regroup_subscriptions();
}

void Client::Cluster::regroup_subscriptions() {
  if (!running || !map_known) return;
  std::map<std::string, std::vector<std::string>> wanted;  // master → its channels
  std::map<std::string, cluster::NodeAddress> where;
  for (const auto& channel : channels) {
    const cluster::NodeAddress* master = owner(cluster::key_slot(channel));
    if (master == nullptr) continue;  // slot not served (cluster down): the next map has it
    wanted[master->name()].push_back(channel);
    where.emplace(master->name(), *master);
  }
  // A subscriber whose channels changed, that Redis dropped a channel from, or whose master
  // left the map, is replaced: its channels are subscribed anew where they live now.
  std::vector<std::unique_ptr<Client>> retired;
  for (auto it = subscriptions.begin(); it != subscriptions.end();) {
    auto w = wanted.find(it->first);
    if (it->second.stale || w == wanted.end() || w->second != it->second.channels) {
      retired.push_back(std::move(it->second.connection));
      it = subscriptions.erase(it);
    } else {
      ++it;
    }
  }
  for (auto& [name, list] : wanted) {
    if (subscriptions.contains(name)) continue;
    Subscription& sub = subscriptions[name];
    sub.channels = list;
    sub.connection = std::make_unique<Client>(io, endpoint_of(where.at(name)), options);
    std::weak_ptr<Cluster> weak = weak_from_this();
    sub.connection->on_connect([weak] {
      if (auto self = weak.lock()) self->check_ready();
    });
    sub.connection->on_disconnect([weak] {
      auto self = weak.lock();
      if (!self) return;
      self->request_refresh();
      self->check_ready();
    });
    const auto handler = message_handler;
    sub.connection->subscribe_sharded(
        list,
        [handler](std::string_view channel, std::string_view payload) {
          if (handler && *handler) (*handler)(channel, payload);
        },
        [weak, name](std::string_view channel) {
          if (auto self = weak.lock()) self->subscription_lost(name, channel);
        });
    sub.connection->start();
  }
  // Destroyed outside any of their own callbacks (we may be in one now).
  if (!retired.empty())
    boost::asio::post(io, [retired = std::make_shared<decltype(retired)>(std::move(retired))] {});
  check_ready();
}

bool Client::Cluster::subscriptions_ready() const {
  for (const auto& channel : channels)
    if (owner(cluster::key_slot(channel)) == nullptr) return false;
  for (const auto& [name, sub] : subscriptions)
    if (sub.stale || !sub.connection || !sub.connection->connected()) return false;
  return true;
}

void Client::Cluster::subscription_lost(const std::string& master, std::string_view channel) {
  auto it = subscriptions.find(master);
  if (it == subscriptions.end() || it->second.stale) return;
  spdlog::info("redis cluster: {} dropped shard channel {}; resubscribing where it lives now",
               master, channel.empty() ? std::string_view("(refused)") : channel);
  it->second.stale = true;
  check_ready();  // not ready until resubscribed: then the worker catches up what it missed
  request_refresh();
}

}  // namespace kefu::redis
