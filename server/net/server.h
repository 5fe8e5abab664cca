#pragma once
// The listening socket. Accepted connections are served as plain HTTP/WebSocket or, with a
// certificate configured, as HTTPS/WSS (net/connection.h). Accepted connections are spread over the
// worker threads round-robin; each connection then lives on its worker's io_context only (no
// strands needed).
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "chat/client_session.h"
#include "core/clock.h"
#include "core/rate_limit.h"
#include "net/drain.h"
#include "net/http_types.h"
#include "net/static_files.h"

namespace boost::asio::ssl {
class context;
}

namespace kefu::net {

struct NetLimits {
  std::size_t max_frame_bytes = 64 * 1024;
  std::size_t max_http_body_bytes = 1024 * 1024;
  // Per WebSocket: a client that stops reading is cut off when either is reached.
  std::size_t max_queued_frames = 4096;
  std::size_t max_queued_bytes = 4 * 1024 * 1024;
  RateLimit frames{20, 60};                  // frames a WebSocket may send (issue 10)
  Millis hello_timeout{10000};               // a WebSocket must say hello by then
  std::vector<std::string> allowed_origins;  // besides Kefu's own pages (auth/origin.h)
};

// One worker thread's services, as the network layer needs them.
struct WorkerEndpoint {
  boost::asio::io_context* io = nullptr;
  HttpHandler* http = nullptr;
  std::function<std::shared_ptr<chat::ClientSession>(chat::FrameSink&)> new_client;
  const Clock* clock = nullptr;  // the injected clock: rate limits and the hello timeout
};

struct ConnectionCounters {
  std::atomic<std::int64_t> websockets{0};
  std::atomic<std::int64_t> frames_in{0};
  std::atomic<std::int64_t> frames_out{0};
  std::atomic<std::int64_t> frames_rate_limited{0};  // refused: over a connection's rate
  std::atomic<std::int64_t> slow_clients_cut{0};     // send queue full: the client stopped reading
  std::atomic<std::int64_t> hello_timeouts{0};       // closed: no hello in time
  // HTTP requests read and not yet answered: a drain waits for them (issue 9).
  std::atomic<std::int64_t> http_requests_in_flight{0};
};

class Server {
 public:
  // With a TLS context the port speaks HTTPS and WSS only (issue 10; net/tls_context.h).
  Server(std::vector<WorkerEndpoint> workers, const StaticFiles& files, NetLimits limits,
         std::shared_ptr<boost::asio::ssl::context> tls = nullptr);
  ~Server();

  // Binds and starts accepting on the first worker's io_context; throws on bind failure.
  boost::asio::ip::tcp::endpoint listen(const std::string& host, std::uint16_t port);
  void stop_accepting();
  ConnectionCounters& counters() { return counters_; }

  // Issue 9, graceful drain. From now /healthz answers 503 "draining", WebSocket upgrades are
  // refused and HTTP answers close their connection; the acceptor closes (new connections are
  // refused). On each worker's thread its WebSockets are told (Draining) and stop taking new
  // requests; then settle(worker index, next) is called there, and once it calls next (the
  // requests received before are answered) each socket is closed with 1012 after its queued
  // frames. The process decides when to stop waiting (counters: websockets, HTTP in flight).
  using Settle = std::function<void(std::size_t worker, std::function<void()> next)>;
  void begin_drain(const DrainNotice& notice, Settle settle);
  bool draining() const { return draining_.load(); }

 private:
  void accept();
  void tell_workers(const DrainNotice& notice, const Settle& settle);

  std::vector<WorkerEndpoint> workers_;
  const StaticFiles& files_;
  NetLimits limits_;
  ConnectionCounters counters_;
  std::shared_ptr<boost::asio::ssl::context> tls_;
  std::unique_ptr<boost::asio::ip::tcp::acceptor> acceptor_;
  std::size_t next_worker_ = 0;
  std::vector<std::unique_ptr<LiveSessions>> sessions_;  // per worker, used on its thread
  std::atomic<bool> draining_{false};
};

}  // namespace kefu::net
