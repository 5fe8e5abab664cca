#include "app/bus_probe.h"

#include <charconv>

#include <spdlog/spdlog.h>

#include "auth/random_token.h"
#include "core/keys.h"
#include "core/node_metrics.h"

namespace kefu::app {

namespace {
chat::BusLag::Time now() { return std::chrono::steady_clock::now(); }

std::vector<std::string> probe_channels(const std::vector<std::string>& shop_ids) {
  const std::string token = auth::random_token(8);
  std::vector<std::string> channels;
  channels.reserve(shop_ids.size());
  for (const auto& shop : shop_ids) channels.push_back(keys::bus_probe_channel(shop, token));
  return channels;
}
}  // namespace

BusProbe::BusProbe(boost::asio::io_context& io, redis::Client& commands, const redis::Client& bus,
                   std::chrono::milliseconds limit, std::vector<std::string> shop_ids)
    : commands_{commands},
      bus_{bus},
      lags_{shop_ids, limit},
      channels_{probe_channels(shop_ids)},
      timer_{io} {
  for (std::size_t i = 0; i < channels_.size(); ++i) shop_of_channel_.emplace(channels_[i], i);
}

void BusProbe::start() {
  stopped_ = false;
  schedule();
}

void BusProbe::stop() {
  stopped_ = true;
  timer_.cancel();
}

void BusProbe::schedule() {
  timer_.expires_after(kInterval);
  timer_.async_wait([this](boost::system::error_code ec) {
    if (ec || stopped_) return;
    probe_nodes();
    schedule();
  });
}

void BusProbe::probe_nodes() {
  // Where each shop lives now: on a cluster the map may have moved a slot since the last tick.
  nodes_.clear();
  for (const auto& channel : channels_) nodes_.push_back(commands_.node_of(channel));
  lags_.place(nodes_);
  const bool bus_up = bus_.connected();
  for (auto& node : lags_.nodes()) {
    if (!bus_up || !commands_.connected_for(channels_[node.probe_shop]))
      node.lag.reset();
    else if (node.lag.tick(now()))
      send(node);
    note_change(node);
  }
}

void BusProbe::send(chat::BusLags::Node& node) {
  const std::uint64_t number = node.lag.sent(now());
  const std::string text = std::to_string(number);
  const std::size_t shop = node.probe_shop;
  commands_.command(
      {commands_.publish_command(), channels_[shop], text},
      [this, shop, number](const redis::Reply& r) {
        // Refused or failed, or nobody subscribed (the bus not yet connected):
        // it will not come back, and the next tick sends another.
        if (!r.is_error() && !(r.type == redis::Reply::Type::Integer && r.integer == 0)) return;
        if (auto* node = lags_.node_probed_through(shop)) node->lag.lost(number);
      });
}

bool BusProbe::on_message(std::string_view channel, std::string_view payload) {
  auto it = shop_of_channel_.find(channel);
  if (it == shop_of_channel_.end()) return false;
  std::uint64_t number = 0;
  const auto [end, ec] = std::from_chars(payload.data(), payload.data() + payload.size(), number);
  if (ec != std::errc{} || end != payload.data() + payload.size()) return true;
  // A probe through a shop that no longer times its node (its slot moved meanwhile): ignored.
  chat::BusLags::Node* node = lags_.node_probed_through(it->second);
  if (node == nullptr) return true;
  if (node->lag.seen(number, now())) node_metrics().bus_round_trip.record(node->lag.lag());
  note_change(*node);
  return true;
}

void BusProbe::on_reconnect() {
  for (auto& node : lags_.nodes()) {
    node.lag.reset();
    note_change(node);
  }
}

void BusProbe::note_change(chat::BusLags::Node& node) {
  const bool late = node.lag.late();
  if (late == node.was_late) return;
  node.was_late = late;
  const std::string where = node.name.empty() ? std::string("bus") : "bus through " + node.name;
  if (late)
    spdlog::warn(
        "{}: {} ms behind (limit {} ms): new messages and conversations of its shops are refused "
        "until it catches up",
        where, node.lag.lag().count() / 1000, node.lag.limit().count() / 1000);
  else
    spdlog::info("{}: on time again ({} ms): messages taken again", where,
                 node.lag.lag().count() / 1000);
}

}  // namespace kefu::app
