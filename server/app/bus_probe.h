#pragma once
// Issue 8, overload: times this worker's bus with one probe at a time (chat::BusLag), sent
// every kInterval while none is in flight. A probe is PUBLISHed on the worker's own channel
// through its command connection (behind the Redis commands waiting there, as a message's
// script is) and read back on its bus connection (behind the events Redis has not yet written
// to it, as a message's event is). Runs on the worker's thread.
//
// Only while both connections are up (on a Redis Cluster: to every master): a probe held up
// by a connection that is down or being made again (a restart, a failover) times the outage,
// which the requests' own errors already answer, not a bus that cannot keep up; and it must
// not make a worker refuse the shops of the masters that are fine.
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "chat/bus_lag.h"
#include "redis/client.h"

namespace kefu::app {

class BusProbe {
 public:
  static constexpr std::chrono::milliseconds kInterval{100};

  BusProbe(boost::asio::io_context& io, redis::Client& commands, const redis::Client& bus,
           std::chrono::milliseconds limit);

  // The channel the bus connection must subscribe to, unique to this worker.
  const std::string& channel() const { return channel_; }
  const chat::BusLag& lag() const { return lag_; }

  void start();
  void stop();
  // A message on channel(): a probe back.
  void on_message(std::string_view payload);
  // Either connection was made again: a probe in flight is lost with the old one, or held up
  // by the outage.
  void on_reconnect();

 private:
  void schedule();
  void send();
  // Logs when the bus turns late or on time again (once per change, not per probe).
  void note_change();

  redis::Client& commands_;
  const redis::Client& bus_;
  chat::BusLag lag_;
  std::string channel_;
  boost::asio::steady_timer timer_;
  bool was_late_ = false;
  bool stopped_ = false;
};

}  // namespace kefu::app
