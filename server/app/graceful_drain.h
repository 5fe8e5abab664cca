#pragma once
// Issue 9: the node's graceful drain on SIGTERM (or SIGINT), from start to exit. The network
// layer does the per-connection part (net::Server::begin_drain); this decides when the node
// is done: once every WebSocket and every HTTP request in flight is gone, or when the drain's
// time is up (what is still open is then cut). Either way the process then exits 0: a drain is
// the normal way to stop. Runs on one io_context (the first worker's) and logs each phase.
#include <chrono>
#include <functional>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "net/server.h"

namespace kefu::app {

class GracefulDrain {
 public:
  // stop_all stops the workers (and so the process); called once.
  GracefulDrain(boost::asio::io_context& io, net::Server& server, net::DrainNotice notice,
                net::Server::Settle settle, std::function<void()> stop_all);

  void start();
  // A second signal during the drain: stop at once.
  void stop_now();

 private:
  void watch();
  void finish(const char* why);

  static constexpr std::chrono::milliseconds kPoll{25};

  net::Server& server_;
  net::DrainNotice notice_;
  net::Server::Settle settle_;
  std::function<void()> stop_all_;
  boost::asio::steady_timer poll_timer_;
  std::chrono::steady_clock::time_point started_{};
  std::chrono::steady_clock::time_point deadline_{};
  bool started_once_ = false;
  bool finished_ = false;
};

}  // namespace kefu::app
