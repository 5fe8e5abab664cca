#include "app/figures_watch.h"

#include <set>

#include "app/kpi_report.h"
#include "chat/error_frames.h"
#include "kpi/figures.h"
#include "kpi/timeline.h"

namespace kefu::app {

bool FiguresWatch::serves(v1::ClientFrame::BodyCase body) const {
  return body == v1::ClientFrame::kWatchFigures;
}

void FiguresWatch::handle(const chat::Requester& who, const v1::ClientFrame& frame,
                          chat::Reply reply) {
  if (who.role != v1::ROLE_AGENT)
    return void(reply(chat::error_frame(frame.request_id(), v1::ERROR_CODE_FORBIDDEN,
                                        "figures are for the shop's agents and supervisors")));
  // A second WatchFigures from the same console is answered too: the newest reply function
  // replaces nothing, the old one is dropped once its client is gone.
  Watcher w{who.shop_id, who.supervisor ? "" : who.user_id, std::move(reply), {}};
  const std::string rid = frame.request_id();
  const std::string shop = who.shop_id;
  // The first answer carries the request id; later pushes carry none.
  w.reply = [inner = std::move(w.reply), rid, first = true](v1::ServerFrame f) mutable {
    if (first) f.set_request_id(rid);
    first = false;
    return inner(std::move(f));
  };
  watchers_.push_back(std::move(w));
  refresh(shop);
}

void FiguresWatch::refresh(const std::string& shop_id) {
  const chat::ShopEntry* shop = shops_.shop(shop_id);
  if (!shop) return;
  const kpi::ShopTime time = shop_time(*shop);
  const TimePoint now = clock_.now();
  facts_.read(shop_id, chat::KpiFacts::kWholeLog,
              [this, shop, shop_id, time, now](chat::StoreError e, kpi::FactLog log) {
                if (e != chat::StoreError::None) {
                  // Those still waiting for their first answer learn why; the next round tries
                  // again.
                  for (auto& w : watchers_)
                    if (w.shop_id == shop_id && w.last.empty())
                      w.reply(chat::store_error_frame("", e, "figures"));
                  return;
                }
                const kpi::KpiSettings& settings = shop->kpi.settings;
                const kpi::Timeline timeline = kpi::build_timeline(log, settings, time, now);
                const kpi::DateRange today = kpi::day_range(time.local_date(now));
                for (auto& w : watchers_) {
                  if (w.shop_id != shop_id) continue;
                  const kpi::Scope scope =
                      w.agent_id.empty() ? kpi::Scope::shop() : kpi::Scope::agent(w.agent_id);
                  v1::ServerFrame f;
                  *f.mutable_figures_update()->mutable_report() =
                      figures_report(kpi::summarize(timeline, settings, scope, today),
                                     w.agent_id.empty() ? "shop" : w.agent_id, now);
                  // Changed or not is judged without the as-of time, which always moves.
                  v1::FiguresReport comparable = f.figures_update().report();
                  comparable.clear_as_of_ms();
                  std::string serialized = comparable.SerializeAsString();
                  if (serialized == w.last) continue;
                  if (!w.reply(std::move(f))) {
                    w.reply = nullptr;  // gone: removed below
                    continue;
                  }
                  w.last = std::move(serialized);
                }
                std::erase_if(watchers_, [](const Watcher& w) { return !w.reply; });
              });
}

void FiguresWatch::start() { schedule(); }

void FiguresWatch::stop() {
  stopped_ = true;
  timer_.cancel();
}

void FiguresWatch::schedule() {
  if (stopped_) return;
  timer_.expires_after(kInterval);
  timer_.async_wait([this](boost::system::error_code ec) {
    if (ec || stopped_) return;
    std::set<std::string> shops;
    for (const auto& w : watchers_) shops.insert(w.shop_id);
    for (const auto& shop : shops) refresh(shop);
    schedule();
  });
}

}  // namespace kefu::app
