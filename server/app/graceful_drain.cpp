#include "app/graceful_drain.h"

#include <spdlog/spdlog.h>

namespace kefu::app {

GracefulDrain::GracefulDrain(boost::asio::io_context& io, net::Server& server,
                             net::DrainNotice notice, net::Server::Settle settle,
                             std::function<void()> stop_all)
    : server_{server},
      notice_{notice},
      settle_{std::move(settle)},
      stop_all_{std::move(stop_all)},
      poll_timer_{io} {}

void GracefulDrain::start() {
  if (started_once_) return;
  started_once_ = true;
  // Real time, not the injected clock: this is how long the process itself may take to stop.
  started_ = std::chrono::steady_clock::now();
  deadline_ = started_ + std::chrono::seconds(notice_.drain_seconds);
  auto& counters = server_.counters();
  spdlog::info(
      "drain: started (up to {} s): /healthz answers 503, no new connections; {} websockets, "
      "{} HTTP requests in flight",
      notice_.drain_seconds, counters.websockets.load(), counters.http_requests_in_flight.load());
  server_.begin_drain(notice_, settle_);
  watch();
}

void GracefulDrain::stop_now() { finish("a second signal: stopping at once"); }

void GracefulDrain::watch() {
  if (finished_) return;
  auto& counters = server_.counters();
  const auto websockets = counters.websockets.load();
  const auto requests = counters.http_requests_in_flight.load();
  if (websockets == 0 && requests == 0) return finish("every connection is closed");
  if (std::chrono::steady_clock::now() >= deadline_) {
    spdlog::warn(
        "drain: time is up with {} websockets and {} HTTP requests still open: cutting "
        "them",
        websockets, requests);
    return finish("time is up");
  }
  poll_timer_.expires_after(kPoll);
  poll_timer_.async_wait([this](boost::system::error_code ec) {
    if (!ec) watch();
  });
}

void GracefulDrain::finish(const char* why) {
  if (finished_) return;
  finished_ = true;
  poll_timer_.cancel();
  const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - started_);
  spdlog::info("drain: done after {} ms ({}); stopping", started_once_ ? took.count() : 0, why);
  stop_all_();
}

}  // namespace kefu::app
