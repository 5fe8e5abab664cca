#pragma once
// One I/O thread and everything it owns: its io_context, its Redis connections (one for
// commands, one subscribed to the shops' bus channels), its registry of connected users,
// and its HTTP API. Workers share nothing mutable, so no locks on the hot path.
#include <functional>
#include <memory>
#include <string_view>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>

#include "app/bus_probe.h"
#include "app/dashboard_store.h"
#include "app/dashboard_watch.h"
#include "app/figures_watch.h"
#include "app/http_api.h"
#include "app/settings_api.h"
#include "app/shared_limits.h"
#include "chat/chat_store.h"
#include "chat/client_session.h"
#include "chat/console_requests.h"
#include "chat/local_registry.h"
#include "net/server.h"
#include "orders/order_requests.h"
#include "redis/client.h"

namespace kefu::app {

class Worker {
 public:
  Worker(const v1::ServerConfig& config, const redis::Target& redis_target,
         chat::ShopDirectory& shops, const Clock& clock, boost::asio::thread_pool& slow_work,
         SharedLimits& limits);

  void start();  // connects to Redis and runs the io_context on a new thread
  // Every kRoutingTick: shifts that started drain their queues (R-ROUTE-7, R-ROUTE-9), and
  // once a minute the queue chart's sample of each shop (R-SUP-1).
  void start_routing_tick();
  void stop();
  void join();
  // Issue 9, graceful drain: calls `then` on this worker's thread once the requests its
  // clients made before the drain are answered (see worker.cpp).
  void settle(std::function<void()> then);

  net::WorkerEndpoint endpoint();
  HttpApi& http() { return http_; }
  boost::asio::io_context& io() { return io_; }

 private:
  void on_bus_message(std::string_view channel, std::string_view payload);
  void on_shop_event(const std::string& shop, std::string_view payload);
  void schedule_tick();
  void schedule_catch_up_retry();
  void settle_round(int rounds_left, std::function<void()> then);

  static constexpr std::chrono::seconds kRoutingTick{2};
  // How long a catch-up Redis refused waits before it is asked again.
  static constexpr std::chrono::seconds kCatchUpRetry{1};

  boost::asio::io_context io_{1};
  redis::Client redis_;
  redis::Client bus_;
  BusProbe bus_probe_;
  chat::LocalRegistry registry_;
  bool both_connected_before_ = false;  // Redis was reached once: later connects are reconnects
  std::vector<std::string_view> bus_recipients_;  // on_bus_message's, reused
  chat::ChatStore store_;
  chat::RoutingStore routing_;
  chat::ConversationRouter router_;
  chat::HandoverService handovers_;
  chat::KpiFacts facts_;
  chat::WorkerContext context_;
  orders::OrderStore orders_;
  orders::NoteStore notes_;
  orders::FollowUpStore follow_ups_;
  orders::OrderService order_service_;
  orders::OrderRequests order_requests_;
  chat::ConsoleRequests console_requests_;
  chat::ScoreEntries scores_;
  chat::KpiCache kpi_cache_;
  HttpApi http_;
  ShopAccess access_;
  OrderEventsApi order_events_;
  KpiApi kpi_;
  FiguresWatch figures_watch_;
  DashboardStore dashboard_store_;
  DashboardWatch dashboard_watch_;
  SupervisorApi supervisor_;
  chat::SettingsStore settings_;
  SettingsApi settings_api_;
  const chat::ShopDirectory& shops_;
  std::unique_ptr<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_;
  boost::asio::steady_timer tick_timer_{io_};
  boost::asio::steady_timer catch_up_timer_{io_};
  bool catch_up_retry_armed_ = false;
  std::thread thread_;
};

}  // namespace kefu::app
