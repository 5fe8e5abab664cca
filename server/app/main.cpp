// kefu-server: reads the configuration, starts one worker per core, listens for HTTP and
// WebSocket, and on SIGINT/SIGTERM drains (issue 9) and exits.
#include <csignal>
#include <iostream>
#include <optional>
#include <string>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/thread_pool.hpp>

#include "app/config.h"
#include "app/graceful_drain.h"
#include "app/settings_at_start.h"
#include "app/shared_limits.h"
#include "app/worker.h"
#include "auth/password.h"
#include "chat/shop_directory.h"
#include "net/server.h"
#include "net/static_files.h"
#include "net/tls_context.h"

using namespace kefu;

namespace {

int hash_password_command() {
  std::string password;
  if (!std::getline(std::cin, password) || password.empty()) {
    std::cerr << "kefu-server --hash-password: give the password on stdin\n";
    return 2;
  }
  std::cout << auth::hash_password(password) << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  // Logs go to stderr: stdout is for what the user asked for (--help, --hash-password).
  spdlog::set_default_logger(spdlog::stderr_color_mt("kefu"));
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");
  app::CommandLine cl = app::parse_command_line(argc, argv);
  if (cl.help) {
    std::cout << app::usage();
    return 0;
  }
  if (!cl.error.empty()) {
    std::cerr << "kefu-server: " << cl.error << "\n" << app::usage();
    return 2;
  }
  if (cl.hash_password) return hash_password_command();

  v1::ServerConfig config;
  if (!cl.config_path.empty()) {
    std::string error;
    if (!app::read_config_file(cl.config_path, config, error)) {
      std::cerr << "kefu-server: " << error << "\n";
      return 2;
    }
  }
  app::apply_overrides(cl, config);

  chat::ShopDirectory shops;
  auto problems = shops.load(config);
  if (!problems.empty()) {
    for (auto& p : problems) std::cerr << "kefu-server: config: " << p << "\n";
    return 2;
  }
  if (shops.shop_ids().empty()) spdlog::warn("no shops configured: nobody can chat");

  redis::Target redis_target;
  if (!redis::Endpoint::parse(config.redis_url(), redis_target.endpoint)) {
    std::cerr << "kefu-server: bad Redis URL: " << config.redis_url() << "\n";
    return 2;
  }
  // Issue 9: a Redis Cluster when seeds are given; then redis_url is not used.
  for (const auto& seed : config.redis_cluster().seeds()) {
    redis::Endpoint e;
    if (!redis::Endpoint::parse(seed, e) || seed.find('/') != std::string::npos) {
      std::cerr << "kefu-server: bad Redis Cluster seed (want HOST:PORT): " << seed << "\n";
      return 2;
    }
    redis_target.cluster.seeds.push_back(std::move(e));
  }
  redis_target.cluster.refresh_interval =
      std::chrono::milliseconds{config.redis_cluster().refresh_interval_ms()};
  const std::string redis_shown =
      redis_target.is_cluster()
          ? "cluster " + fmt::format("{}", fmt::join(config.redis_cluster().seeds(), ","))
          : config.redis_url();
  std::string host;
  std::uint16_t port = 0;
  if (!app::split_host_port(config.listen(), host, port)) {
    std::cerr << "kefu-server: bad --listen (want HOST:PORT): " << config.listen() << "\n";
    return 2;
  }

  // Issue 7: what the shop's supervisors changed since the config file was written.
  app::load_settings_at_start(shops, redis_target, std::chrono::seconds{2});
  if (auto problem = app::tls_problem(config); !problem.empty()) {
    std::cerr << "kefu-server: " << problem << "\n";
    return 2;
  }
  std::shared_ptr<boost::asio::ssl::context> tls;
  if (config.has_tls()) {
    try {
      tls = net::make_tls_context(config.tls().certificate_chain_file(),
                                  config.tls().private_key_file());
    } catch (const std::exception& e) {
      std::cerr << "kefu-server: " << e.what() << "\n";
      return 2;
    }
  }

  net::StaticFiles files;
  std::size_t file_count = files.load(config.web_root());
  if (file_count == 0) spdlog::warn("no web files under {} (build web/ first)", config.web_root());

  unsigned threads =
      config.threads() ? config.threads() : std::max(1u, std::thread::hardware_concurrency());
  // The system clock; --test-clock lets end-to-end tests move it (POST /api/test/clock).
  OffsetClock clock;
  if (cl.test_clock) spdlog::warn("--test-clock: POST /api/test/clock can move this server's time");
  boost::asio::thread_pool slow_work{1};
  const auto& lim = config.limits();
  app::SharedLimits shared_limits{lim};
  std::vector<std::unique_ptr<app::Worker>> workers;
  std::vector<net::WorkerEndpoint> endpoints;
  for (unsigned i = 0; i < threads; ++i) {
    workers.push_back(std::make_unique<app::Worker>(config, redis_target, shops, clock, slow_work,
                                                    shared_limits));
    endpoints.push_back(workers.back()->endpoint());
  }

  net::NetLimits limits;
  limits.max_frame_bytes = config.limits().max_frame_bytes();
  limits.max_http_body_bytes = config.limits().max_http_body_bytes();
  limits.max_queued_bytes = lim.max_send_queue_bytes();
  limits.frames = RateLimit{static_cast<double>(lim.frames_per_second()),
                            static_cast<double>(lim.frame_burst())};
  limits.hello_timeout = std::chrono::seconds(lim.hello_timeout_seconds());
  limits.allowed_origins.assign(config.allowed_origins().begin(), config.allowed_origins().end());
  net::Server server{endpoints, files, limits, tls};
  for (auto& w : workers) {
    w->http().set_counters(&server.counters());
    if (cl.test_clock) w->http().set_test_clock(&clock);
  }

  boost::asio::ip::tcp::endpoint bound;
  try {
    bound = server.listen(host, port);
  } catch (const std::exception& e) {
    std::cerr << "kefu-server: cannot listen on " << config.listen() << ": " << e.what() << "\n";
    return 1;
  }
  for (auto& w : workers) w->start();
  // One worker runs the routing tick; its drains are atomic scripts, so a second node running
  // its own tick changes nothing twice.
  workers.front()->start_routing_tick();

  // Issue 9: SIGTERM (or SIGINT) drains the node: clients are told to reconnect elsewhere and
  // what they asked is finished before the process exits 0 (app/graceful_drain.h). A second
  // signal stops at once. Destroyed before the workers: both belong to the first worker's
  // io_context.
  net::DrainNotice notice;
  notice.drain_seconds = config.drain_seconds();
  std::optional<app::GracefulDrain> drain{
      std::in_place,
      workers.front()->io(),
      server,
      notice,
      [&workers](std::size_t worker, std::function<void()> next) {
        workers[worker]->settle(std::move(next));
      },
      [&] {
        server.stop_accepting();
        for (auto& w : workers) w->stop();
      }};
  std::optional<boost::asio::signal_set> signals{std::in_place, workers.front()->io(), SIGINT,
                                                 SIGTERM};
  signals->async_wait([&](const boost::system::error_code& ec, int sig) {
    if (ec) return;
    spdlog::info("signal {}: draining", sig);
    signals->async_wait([&](const boost::system::error_code& again, int sig_again) {
      if (again) return;
      spdlog::warn("signal {} during the drain", sig_again);
      drain->stop_now();
    });
    drain->start();
  });

  spdlog::info("{} worker threads, Redis {}, {} web files from {}, shops: {}", threads, redis_shown,
               file_count, config.web_root(), fmt::join(shops.shop_ids(), ","));
  std::cout << "kefu-server listening on " << (tls ? "https://" : "http://")
            << bound.address().to_string() << ":" << bound.port() << std::endl;

  for (auto& w : workers) w->join();
  slow_work.join();
  signals.reset();
  drain.reset();
  // Sessions still held by the io_contexts refer to the server: let them go first.
  workers.clear();
  spdlog::info("stopped");
  return 0;
}
