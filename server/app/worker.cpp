#include "app/worker.h"

#include <algorithm>

#include <spdlog/spdlog.h>

#include "chat/bus.h"
#include "core/keys.h"
#include "core/stack_arena.h"

namespace kefu::app {

namespace {
redis::Options redis_options(const v1::ServerConfig& config) {
  redis::Options o;
  o.max_pending = config.limits().max_pending_redis_commands();
  return o;
}
}  // namespace

Worker::Worker(const v1::ServerConfig& config, const redis::Target& redis_target,
               chat::ShopDirectory& shops, const Clock& clock, boost::asio::thread_pool& slow_work,
               SharedLimits& limits)
    : redis_{io_, redis_target, redis_options(config)},
      bus_{io_, redis_target, redis_options(config)},
      bus_probe_{io_, redis_, bus_, std::chrono::milliseconds{config.limits().max_bus_lag_ms()},
                 shops.shop_ids()},
      store_{redis_, clock},
      routing_{redis_, clock},
      router_{routing_, store_, clock},
      handovers_{redis_, routing_, clock},
      facts_{redis_},
      context_{store_, routing_, router_, handovers_, registry_, shops, clock, {}, &limits.buyers},
      orders_{redis_, clock},
      notes_{redis_, clock},
      follow_ups_{redis_, clock},
      order_service_{orders_, notes_, follow_ups_, clock},
      order_requests_{order_service_, store_},
      console_requests_{redis_, store_, shops},
      scores_{redis_},
      kpi_cache_{redis_},
      http_{HttpApiDeps{io_, slow_work, redis_, store_, shops, config, clock, limits}},
      access_{store_, shops},
      order_events_{OrderEventsApiDeps{orders_, store_, router_, shops, clock}},
      kpi_{KpiApiDeps{access_, facts_, scores_, kpi_cache_, shops, clock}},
      figures_watch_{io_, facts_, shops, clock},
      dashboard_store_{redis_},
      dashboard_watch_{io_, dashboard_store_, facts_, shops, clock},
      supervisor_{
          SupervisorApiDeps{access_, store_, clock, routing_, router_, shops, order_service_}},
      settings_{redis_, shops},
      settings_api_{SettingsApiDeps{access_, settings_, shops, clock}},
      shops_{shops} {
  http_.set_settings_api(&settings_api_);
  http_.set_supervisor_api(&supervisor_);
  http_.set_order_events_api(&order_events_);
  http_.set_kpi_api(&kpi_);
  context_.requests = {&order_requests_, &figures_watch_, &console_requests_, &dashboard_watch_};
  context_.bus_lags = &bus_probe_.lags();
}

void Worker::start() {
  std::vector<std::string> channels;
  for (const auto& id : shops_.shop_ids()) channels.push_back(keys::bus_channel(id));
  for (const auto& channel : bus_probe_.channels()) channels.push_back(channel);
  bus_.subscribe(std::move(channels), [this](std::string_view channel, std::string_view payload) {
    if (!bus_probe_.on_message(channel, payload)) on_bus_message(channel, payload);
  });
  // Issue 8: a probe in flight is lost with the connection it went or would come back on.
  bus_.on_connect([this] { bus_probe_.on_reconnect(); });
  redis_.on_connect([this] { bus_probe_.on_reconnect(); });
  // Issue 7: the supervisors' settings as Redis has them, at start and after every reconnect
  // (a bus event may have been missed meanwhile).
  redis_.on_connect([this] {
    for (const auto& id : shops_.shop_ids()) settings_.refresh(id);
  });
  // Issue 10: after the bus connection comes back (Redis restarted, network lost), what was
  // published while it was down never arrives: every local client catches up its
  // conversations from Redis, through the command connection, once both are up again. (A
  // message published in the instant between that read and the renewed SUBSCRIBE taking
  // effect can still miss its live delivery; the client's next sync has it.)
  // Issue 9, on a Redis Cluster: "connected" means every master (for the bus: every shard
  // subscription) is up, so a failover or a shop's slot moving to another master makes both
  // go down and up again, and the catch-up covers what was published meanwhile.
  auto catch_up = [this] {
    if (!redis_.connected() || !bus_.connected()) return;
    if (both_connected_before_) registry_.missed_events();
    both_connected_before_ = true;
  };
  bus_.on_connect(catch_up);
  redis_.on_connect(catch_up);
  registry_.on_catch_up_later([this] { schedule_catch_up_retry(); });
  redis_.start();
  bus_.start();
  work_ =
      std::make_unique<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>>(
          io_.get_executor());
  boost::asio::post(io_, [this] {
    figures_watch_.start();
    dashboard_watch_.start();
    bus_probe_.start();
  });
  thread_ = std::thread([this] { io_.run(); });
}

void Worker::start_routing_tick() {
  boost::asio::post(io_, [this] { schedule_tick(); });
}

void Worker::schedule_tick() {
  tick_timer_.expires_after(kRoutingTick);
  tick_timer_.async_wait([this](boost::system::error_code ec) {
    if (ec) return;  // stopped
    for (const auto& id : shops_.shop_ids())
      if (const chat::ShopEntry* shop = shops_.shop(id)) {
        router_.tick(*shop);
        dashboard_watch_.sample(*shop);
      }
    schedule_tick();
  });
}

void Worker::schedule_catch_up_retry() {
  if (catch_up_retry_armed_) return;
  catch_up_retry_armed_ = true;
  catch_up_timer_.expires_after(kCatchUpRetry);
  catch_up_timer_.async_wait([this](boost::system::error_code ec) {
    catch_up_retry_armed_ = false;
    if (!ec) registry_.retry_catch_ups();
  });
}

void Worker::stop() {
  boost::asio::post(io_, [this] {
    tick_timer_.cancel();
    catch_up_timer_.cancel();
    bus_probe_.stop();
    figures_watch_.stop();
    dashboard_watch_.stop();
    redis_.stop();
    bus_.stop();
    work_.reset();
    io_.stop();
  });
}

// Every request a client makes is served through this worker's one command connection to
// Redis, and Redis answers a connection's commands in order: once a PING sent now is answered,
// every command sent before it is answered too and its callback has run (a sendMessage's Lua
// call, and so its ack, included). A request whose answer takes several commands in a row (a
// hello: the session, then the overview, then the shift) sends the next one from the previous
// one's callback, after our PING: so a few rounds. New requests are refused by then (the
// WebSockets were told Draining), so the rounds only see old work finish.
void Worker::settle(std::function<void()> then) {
  constexpr int kSettleRounds = 4;
  settle_round(kSettleRounds, std::move(then));
}

void Worker::settle_round(int rounds_left, std::function<void()> then) {
  if (rounds_left == 0) return then();
  // An unreachable Redis answers at once (unavailable), as it did the requests themselves.
  redis_.command({"PING"}, [this, rounds_left, then = std::move(then)](const redis::Reply&) {
    settle_round(rounds_left - 1, then);
  });
}

void Worker::join() {
  if (thread_.joinable()) thread_.join();
}

net::WorkerEndpoint Worker::endpoint() {
  net::WorkerEndpoint e;
  e.io = &io_;
  e.http = &http_;
  e.clock = &context_.clock;
  e.new_client = [this](chat::FrameSink& sink) {
    return std::make_shared<chat::ClientSession>(context_, sink);
  };
  return e;
}

void Worker::on_bus_message(std::string_view channel, std::string_view payload) {
  // "kefu:{shop}:bus" → shop
  auto open = channel.find('{'), close = channel.find('}');
  if (open == std::string_view::npos || close == std::string_view::npos) return;
  const std::string shop{channel.substr(open + 1, close - open - 1)};
  // Every worker gets every event of the shop: one holding none of its recipients skips it
  // without decoding it (issue 8).
  if (!chat::bus_recipients(payload, bus_recipients_)) {
    spdlog::warn("bus: undecodable event on {}", channel);
    return;
  }
  // A supervisor's dashboard here follows every event of its shop (R-SUP-1), and a monitored
  // conversation's events reach its supervisor here whoever they were addressed to (R-SUP-2).
  if (dashboard_watch_.watching(shop)) dashboard_watch_.shop_changed(shop);
  // An event without recipients is for the workers themselves (a settings change, issue 7).
  if (bus_recipients_.empty()) on_shop_event(shop, payload);
  const bool tapped = registry_.tapped(shop);
  if (!tapped && std::none_of(bus_recipients_.begin(), bus_recipients_.end(),
                              [&](std::string_view r) { return registry_.has(shop, r); }))
    return;
  // On the stack's arena: deliveries serialize the event or copy what they keep.
  StackArena arena;
  auto& event = arena.make<v1::BusEvent>();
  if (!chat::decode_bus_event(payload, event)) {
    spdlog::warn("bus: undecodable event on {}", channel);
    return;
  }
  for (const auto& recipient : event.recipients())
    registry_.deliver(shop, recipient, event.frame());
  if (tapped) registry_.deliver_to_taps(shop, event);
}

// An event for the workers themselves rather than for users.
void Worker::on_shop_event(const std::string& shop, std::string_view payload) {
  v1::BusEvent event;
  if (!chat::decode_bus_event(payload, event)) return;
  if (event.settings_version() > 0) settings_.refresh(shop);  // issue 7
}

}  // namespace kefu::app
