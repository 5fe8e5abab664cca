#pragma once
// The supervisors' live dashboard over the WebSocket (issue 7, R-SUP-1): a supervisor of the
// shop sends WatchDashboard and gets a DashboardUpdate (with the queue samples of the last 6
// hours), then a new one whenever what it shows changes. A worker holding a watcher of a shop
// recomputes it soon after any event of that shop on the bus (paced: at most 4 a second) and
// every second anyway (waits cross thresholds and shifts start with no event); figures are
// recomputed from the KPI facts every few seconds. The queue chart's sample of each shop is
// offered once a minute, watched or not.
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "app/dashboard_store.h"
#include "app/today_figures.h"
#include "chat/kpi_facts.h"
#include "chat/request_handler.h"
#include "chat/shop_directory.h"
#include "core/clock.h"
#include "supervision/pacing.h"

namespace kefu::app {

class DashboardWatch final : public chat::RequestHandler {
 public:
  DashboardWatch(boost::asio::io_context& io, DashboardStore& store, chat::KpiFacts& facts,
                 const chat::ShopDirectory& shops, const Clock& clock)
      : io_{io}, store_{store}, facts_{facts}, shops_{shops}, clock_{clock}, tick_{io} {}

  bool serves(v1::ClientFrame::BodyCase body) const override;
  void handle(const chat::Requester& who, const v1::ClientFrame& frame, chat::Reply reply) override;
  void connection_closed(const void* connection) override;

  // Someone on this worker watches the shop: it must see every event of it.
  bool watching(std::string_view shop_id) const;
  // An event of the shop went over the bus: recompute soon.
  void shop_changed(std::string_view shop_id);
  // The routing tick: once a minute, the queue chart's sample of the shop.
  void sample(const chat::ShopEntry& shop);

  void start();
  void stop();

  static constexpr std::chrono::milliseconds kMinGap{250};  // ≤ 4 recomputes a second
  static constexpr std::chrono::seconds kTick{1};
  static constexpr std::chrono::seconds kFiguresEvery{5};

 private:
  struct Watcher {
    const void* connection = nullptr;
    std::string request_id;  // set until the first answer went out
    chat::Reply reply;
    std::optional<v1::DashboardUpdate> last;
    std::int64_t samples_until_ms = 0;  // the newest sample sent
    bool closed = false;                // the connection closed (connection_closed)
    bool live() const { return !closed && reply != nullptr; }
  };
  struct ShopWatch {
    explicit ShopWatch(boost::asio::io_context& io) : timer{io} {}
    std::vector<Watcher> watchers;
    supervision::RecomputePacing pacing{kMinGap};
    boost::asio::steady_timer timer;
    std::map<std::string, AgentToday, std::less<>> figures;
    std::optional<std::chrono::steady_clock::time_point> figures_at;
    bool figures_running = false;
  };
  using Computed = std::function<void(chat::StoreError, v1::DashboardUpdate)>;

  void schedule_recompute(const std::string& shop_id, ShopWatch& w,
                          std::chrono::steady_clock::time_point at);
  void recompute(const std::string& shop_id);
  void refresh_figures(const std::string& shop_id, ShopWatch& w);
  // Reads the shop's state and builds the update (with the samples since `samples_since_ms`),
  // offering the minute's sample on the way.
  void compute(const chat::ShopEntry& shop, std::int64_t samples_since_ms, Computed done);
  void push(const std::string& shop_id, ShopWatch& w, const v1::DashboardUpdate& update);
  void schedule_tick();

  boost::asio::io_context& io_;
  DashboardStore& store_;
  chat::KpiFacts& facts_;
  const chat::ShopDirectory& shops_;
  const Clock& clock_;
  boost::asio::steady_timer tick_;
  std::map<std::string, std::unique_ptr<ShopWatch>, std::less<>> watched_;
  std::map<std::string, std::int64_t, std::less<>> sampled_minute_;  // by shop
  bool stopped_ = false;
};

}  // namespace kefu::app
