#include "app/today_figures.h"

#include <vector>

#include "app/kpi_report.h"
#include "kpi/figures.h"
#include "kpi/low_performers.h"

namespace kefu::app {

std::map<std::string, AgentToday, std::less<>> today_figures(const chat::ShopEntry& shop,
                                                             const kpi::FactLog& log,
                                                             TimePoint now) {
  const kpi::ShopTime time = shop_time(shop);
  const kpi::KpiSettings& settings = shop.kpi.settings;
  const kpi::Timeline timeline = kpi::build_timeline(log, settings, time, now);
  const kpi::DateRange today = kpi::day_range(time.local_date(now));
  // R-KPI-8: each agent against the average of their own group (team).
  std::map<std::string, std::vector<const v1::AgentAccount*>> teams;
  for (const auto& a : shop.config.agents()) teams[a.group()].push_back(&a);
  std::map<std::string, AgentToday, std::less<>> out;
  for (const auto& [group, members] : teams) {
    std::vector<kpi::Figures> figures;
    for (const auto* a : members)
      figures.push_back(kpi::summarize(timeline, settings, kpi::Scope::agent(a->id()), today));
    const kpi::LowPerformerReport flags = kpi::low_performers(figures);
    for (std::size_t i = 0; i < members.size(); ++i) {
      AgentToday& t = out[members[i]->id()];
      t.figures = figures_report(figures[i], members[i]->id(), now);
      const kpi::LowPerformerFlag& f = flags.agents[i];
      t.low_performer = f.flagged();
      if (f.reply_rate_below_average) t.low_performer_reason = "回复率低于组内平均";
      if (f.reception_below_average)
        t.low_performer_reason +=
            std::string{t.low_performer_reason.empty() ? "" : ","} + "接待量低于组内平均";
    }
  }
  return out;
}

}  // namespace kefu::app
