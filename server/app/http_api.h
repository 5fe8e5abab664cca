#pragma once
// The HTTP API of one worker: /healthz, /metrics, POST /api/login, and the demo-only
// POST /api/demo/buyer-token. Bodies are protobuf's JSON mapping of api.proto messages.
#include <chrono>

#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>

#include "app/kpi_api.h"
#include "app/order_events_api.h"
#include "app/settings_api.h"
#include "app/shared_limits.h"
#include "app/supervisor_api.h"
#include "chat/chat_store.h"
#include "chat/shop_directory.h"
#include "core/clock.h"
#include "kefu/v1/config.pb.h"
#include "net/http_types.h"
#include "net/server.h"
#include "redis/client.h"

namespace kefu::app {

struct HttpApiDeps {
  boost::asio::io_context& io;          // the worker's
  boost::asio::thread_pool& slow_work;  // password hashing runs here, off the I/O threads
  redis::Client& redis;
  chat::ChatStore& store;
  const chat::ShopDirectory& shops;
  const v1::ServerConfig& config;
  const Clock& clock;
  SharedLimits& limits;                         // failed logins
  net::ConnectionCounters* counters = nullptr;  // set once the server exists
};

class HttpApi final : public net::HttpHandler {
 public:
  explicit HttpApi(HttpApiDeps deps) : d_{deps} {}
  // Serves /api/shops/{shop}/... for supervisors (set once by the worker).
  void set_supervisor_api(SupervisorApi* api) { supervisor_ = api; }
  // Serves the KPI routes of /api/shops/{shop}/... (set once by the worker).
  void set_kpi_api(KpiApi* api) { kpi_ = api; }
  void set_settings_api(SettingsApi* api) { settings_ = api; }
  // Serves POST /api/shops/{shop}/order-events (set once by the worker).
  void set_order_events_api(OrderEventsApi* api) { order_events_ = api; }
  // Enables POST /api/test/clock (kefu-server --test-clock).
  void set_test_clock(OffsetClock* clock) { test_clock_ = clock; }
  void handle(const net::HttpRequest& request, net::Respond respond) override;
  void set_counters(net::ConnectionCounters* counters) { d_.counters = counters; }

 private:
  void healthz(net::Respond respond);
  // GET /metrics. Redis's part (the queues) is left out when Redis takes longer than this.
  void metrics(net::Respond respond);
  static constexpr std::chrono::seconds kMetricsRedisWait{1};
  void login(const net::HttpRequest& request, net::Respond respond);
  void start_session(const chat::ShopEntry& shop, const v1::AgentAccount& agent,
                     net::Respond respond);
  void logout(const net::HttpRequest& request, net::Respond respond);
  void demo_buyer_token(const net::HttpRequest& request, net::Respond respond);

  void test_clock(const net::HttpRequest& req, net::Respond respond);

  HttpApiDeps d_;
  OffsetClock* test_clock_ = nullptr;
  SupervisorApi* supervisor_ = nullptr;
  OrderEventsApi* order_events_ = nullptr;
  KpiApi* kpi_ = nullptr;
  SettingsApi* settings_ = nullptr;
};

}  // namespace kefu::app
