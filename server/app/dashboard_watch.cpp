#include "app/dashboard_watch.h"

#include <algorithm>

#include "app/dashboard_view.h"
#include "chat/error_frames.h"
#include "supervision/dashboard.h"
#include "supervision/queue_samples.h"

namespace kefu::app {

namespace {
using Steady = std::chrono::steady_clock;
}  // namespace

bool DashboardWatch::serves(v1::ClientFrame::BodyCase body) const {
  return body == v1::ClientFrame::kWatchDashboard;
}

bool DashboardWatch::watching(std::string_view shop_id) const {
  auto it = watched_.find(shop_id);
  return it != watched_.end() &&
         std::any_of(it->second->watchers.begin(), it->second->watchers.end(),
                     [](const Watcher& x) { return x.live(); });
}

void DashboardWatch::handle(const chat::Requester& who, const v1::ClientFrame& frame,
                            chat::Reply reply) {
  const std::string& rid = frame.request_id();
  const v1::AgentAccount* account =
      who.role == v1::ROLE_AGENT ? shops_.agent(who.shop_id, who.user_id) : nullptr;
  const chat::ShopEntry* shop = shops_.shop(who.shop_id);
  // R-SUP-1: the shop's supervisors only (R-ROLE-5: their own shop, the session's).
  if (!shop || !account || !account->supervisor())
    return void(reply(chat::error_frame(rid, v1::ERROR_CODE_FORBIDDEN,
                                        "the dashboard is for the shop's supervisors")));
  auto& slot = watched_[who.shop_id];
  if (!slot) slot = std::make_unique<ShopWatch>(io_);
  ShopWatch& w = *slot;
  // One watch per connection: a second WatchDashboard restarts it, stop ends it.
  std::erase_if(w.watchers, [&](const Watcher& x) { return x.connection == who.connection; });
  if (frame.watch_dashboard().stop()) {
    v1::ServerFrame done;
    done.set_request_id(rid);
    done.mutable_dashboard_update()->set_as_of_ms(clock_.now_ms());
    return void(reply(std::move(done)));
  }
  w.watchers.push_back(Watcher{who.connection, rid, std::move(reply), std::nullopt, 0});
  if (!w.figures_at) refresh_figures(who.shop_id, w);
  if (auto at = w.pacing.changed(Steady::now())) schedule_recompute(who.shop_id, w, *at);
}

void DashboardWatch::connection_closed(const void* connection) {
  // Marked, not erased: this may run inside push(), even inside the watcher's own reply (a send
  // that finds the connection gone). Its shop stops being recomputed here once nobody else
  // watches it.
  for (auto& [_, w] : watched_)
    for (auto& x : w->watchers)
      if (x.connection == connection) x.closed = true;
}

void DashboardWatch::shop_changed(std::string_view shop_id) {
  if (!watching(shop_id)) return;
  auto it = watched_.find(shop_id);
  if (auto at = it->second->pacing.changed(Steady::now()))
    schedule_recompute(it->first, *it->second, *at);
}

void DashboardWatch::schedule_recompute(const std::string& shop_id, ShopWatch& w,
                                        Steady::time_point at) {
  w.timer.expires_at(at);
  w.timer.async_wait([this, shop_id](boost::system::error_code ec) {
    if (ec || stopped_) return;
    recompute(shop_id);
  });
}

void DashboardWatch::recompute(const std::string& shop_id) {
  auto it = watched_.find(shop_id);
  const chat::ShopEntry* shop = shops_.shop(shop_id);
  if (it == watched_.end() || !shop) return;
  ShopWatch& w = *it->second;
  w.pacing.started(Steady::now());
  // The chart's samples: all of the last 6 hours for a new watcher, else only the newest.
  std::int64_t since = clock_.now_ms();
  for (const auto& watcher : w.watchers)
    since = std::min(since, watcher.last ? watcher.samples_until_ms + 1
                                         : clock_.now_ms() - supervision::kSamplesKeptMs);
  compute(*shop, since, [this, shop_id](chat::StoreError e, v1::DashboardUpdate u) {
    auto it = watched_.find(shop_id);
    if (it == watched_.end() || stopped_) return;
    ShopWatch& w = *it->second;
    if (e != chat::StoreError::None) {
      // Those still waiting for their first answer learn why; the next round tries again.
      for (auto& watcher : w.watchers)
        if (watcher.live() && !watcher.last &&
            !watcher.reply(chat::store_error_frame(watcher.request_id, e)))
          watcher.reply = nullptr;
      std::erase_if(w.watchers, [](const Watcher& x) { return !x.live(); });
    } else {
      push(shop_id, w, u);
    }
    if (auto at = w.pacing.finished(Steady::now())) schedule_recompute(shop_id, w, *at);
  });
}

void DashboardWatch::push(const std::string&, ShopWatch& w, const v1::DashboardUpdate& update) {
  for (auto& watcher : w.watchers) {
    if (!watcher.live()) continue;  // its connection closed
    v1::ServerFrame f;
    v1::DashboardUpdate& out = *f.mutable_dashboard_update();
    out = update;
    out.clear_samples();
    std::int64_t newest = watcher.samples_until_ms;
    for (const auto& s : update.samples())
      if (s.at_ms() > watcher.samples_until_ms) {
        *out.add_samples() = s;
        newest = std::max(newest, s.at_ms());
      }
    const bool first = !watcher.last;
    // Pushed only when something shown changed (or a new sample came).
    if (!first && out.samples_size() == 0 && supervision::same_view(*watcher.last, out)) continue;
    if (first) f.set_request_id(watcher.request_id);
    if (!watcher.reply(f)) {
      watcher.reply = nullptr;  // the connection is gone
      continue;
    }
    watcher.last = out;
    watcher.samples_until_ms = newest;
  }
  std::erase_if(w.watchers, [](const Watcher& x) { return !x.live(); });
}

void DashboardWatch::compute(const chat::ShopEntry& shop, std::int64_t samples_since_ms,
                             Computed done) {
  std::vector<std::string> groups, agents;
  for (const auto& g : shop.config.groups()) groups.push_back(g.id());
  for (const auto& a : shop.config.agents()) agents.push_back(a.id());
  const TimePoint now = clock_.now();
  const std::string shop_id = shop.config.id();
  store_.read(
      shop_id, groups, agents, to_ms(now), samples_since_ms,
      [this, shop_id, now, done = std::move(done)](DashboardRead read) {
        const chat::ShopEntry* shop = shops_.shop(shop_id);
        if (read.error != chat::StoreError::None || !shop)
          return done(shop ? read.error : chat::StoreError::NotFound, {});
        // Today's figures as they are now: a figures read sent before this one (same
        // connection, answered in order) has landed already.
        static const std::map<std::string, AgentToday, std::less<>> kNone;
        auto watch = watched_.find(shop_id);
        const auto& figures = watch != watched_.end() ? watch->second->figures : kNone;
        auto samples = std::move(read.samples);
        v1::DashboardUpdate update =
            supervision::build_dashboard(dashboard_state(*shop, std::move(read), figures, now));
        // The minute's sample, offered by whoever computes first (stored once).
        const std::int64_t minute = supervision::sample_minute(to_ms(now));
        if (sampled_minute_[shop_id] != minute) {
          sampled_minute_[shop_id] = minute;
          const bool stored = std::any_of(samples.begin(), samples.end(),
                                          [&](const auto& s) { return s.at_ms() == minute; });
          if (!stored) {
            auto taken = supervision::samples_of(update, minute);
            store_.record_samples(shop_id, minute, taken);
          }
        }
        for (auto& s : samples) *update.add_samples() = std::move(s);
        done(chat::StoreError::None, std::move(update));
      });
}

void DashboardWatch::refresh_figures(const std::string& shop_id, ShopWatch& w) {
  if (w.figures_running) return;
  w.figures_running = true;
  w.figures_at = Steady::now();
  facts_.read(shop_id, chat::KpiFacts::kWholeLog,
              [this, shop_id](chat::StoreError e, kpi::FactLog log) {
                auto it = watched_.find(shop_id);
                const chat::ShopEntry* shop = shops_.shop(shop_id);
                if (it == watched_.end() || !shop || stopped_) return;
                ShopWatch& w = *it->second;
                w.figures_running = false;
                if (e != chat::StoreError::None) return;  // the next round tries again
                auto figures = today_figures(*shop, log, clock_.now());
                w.figures = std::move(figures);
                if (auto at = w.pacing.changed(Steady::now())) schedule_recompute(shop_id, w, *at);
              });
}

void DashboardWatch::sample(const chat::ShopEntry& shop) {
  const std::string& shop_id = shop.config.id();
  const std::int64_t minute = supervision::sample_minute(clock_.now_ms());
  if (sampled_minute_[shop_id] == minute || watching(shop_id)) return;  // a watched one samples
  // Only the minute's own sample is read back (to see whether it was taken already).
  compute(shop, minute, [](chat::StoreError, v1::DashboardUpdate) {});
}

void DashboardWatch::start() { schedule_tick(); }

void DashboardWatch::stop() {
  stopped_ = true;
  tick_.cancel();
  for (auto& [_, w] : watched_) w->timer.cancel();
}

void DashboardWatch::schedule_tick() {
  if (stopped_) return;
  tick_.expires_after(kTick);
  tick_.async_wait([this](boost::system::error_code ec) {
    if (ec || stopped_) return;
    const auto now = Steady::now();
    for (auto& [shop_id, w] : watched_) {
      std::erase_if(w->watchers, [](const Watcher& x) { return !x.live(); });
      if (w->watchers.empty()) continue;
      if (!w->figures_at || now - *w->figures_at >= kFiguresEvery) refresh_figures(shop_id, *w);
      if (auto at = w->pacing.changed(now)) schedule_recompute(shop_id, *w, *at);
    }
    schedule_tick();
  });
}

}  // namespace kefu::app
