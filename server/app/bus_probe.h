#pragma once
// Issue 8, overload: times this worker's bus, per Redis node (chat::BusLags): one probe at a
// time per node, sent every kInterval while none is in flight. A probe is PUBLISHed on the
// worker's probe channel of one of the node's shops through its command connection (behind
// the Redis commands waiting there, as a message's script is) and read back on its bus
// connection (behind the events Redis has not yet written to it, as a message's event is).
// On a Redis Cluster that channel hashes to the shop's slot, so it goes through the master
// that carries the shop's messages, and follows the shop when its slot moves. Runs on the
// worker's thread.
//
// Only while both connections are up (the command one to that node; the bus to every master):
// a probe held up by a connection that is down or being made again (a restart, a failover)
// times the outage, which the requests' own errors already answer, not a bus that cannot keep
// up; and it must not make a worker refuse the shops of the masters that are fine.
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "chat/bus_lags.h"
#include "redis/client.h"

namespace kefu::app {

class BusProbe {
 public:
  static constexpr std::chrono::milliseconds kInterval{100};

  BusProbe(boost::asio::io_context& io, redis::Client& commands, const redis::Client& bus,
           std::chrono::milliseconds limit, std::vector<std::string> shop_ids);

  // The channels the bus connection must subscribe to: one per shop, unique to this worker.
  const std::vector<std::string>& channels() const { return channels_; }
  const chat::BusLags& lags() const { return lags_; }

  void start();
  void stop();
  // A message on the bus: true when it was a probe (on one of channels()).
  bool on_message(std::string_view channel, std::string_view payload);
  // Either connection was made again: a probe in flight is lost with the old one, or held up
  // by the outage.
  void on_reconnect();

 private:
  void schedule();
  void probe_nodes();
  void send(chat::BusLags::Node& node);
  // Logs when a node's bus turns late or on time again (once per change, not per probe).
  static void note_change(chat::BusLags::Node& node);

  redis::Client& commands_;
  const redis::Client& bus_;
  chat::BusLags lags_;
  std::vector<std::string> channels_;  // one per shop, as lags_.shops()
  std::unordered_map<std::string_view, std::size_t> shop_of_channel_;  // views of channels_
  std::vector<std::string> nodes_;                                     // probe_nodes()'s, reused
  boost::asio::steady_timer timer_;
  bool stopped_ = false;
};

}  // namespace kefu::app
