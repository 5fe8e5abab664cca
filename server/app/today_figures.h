#pragma once
// Today's figures of every agent of a shop for the dashboard (R-SUP-1), with the R-KPI-8
// low-performer flags (reply rate or reception below the agent's group's average). Computed
// from the KPI facts by the KPI code (server/kpi), as the figures API does. No I/O.
#include <map>
#include <string>

#include "chat/shop_directory.h"
#include "kefu/v1/kpi.pb.h"
#include "kpi/timeline.h"

namespace kefu::app {

struct AgentToday {
  v1::FiguresReport figures;
  bool low_performer = false;
  std::string low_performer_reason;  // Chinese, "" when not flagged
};

std::map<std::string, AgentToday, std::less<>> today_figures(const chat::ShopEntry& shop,
                                                             const kpi::FactLog& log,
                                                             TimePoint now);

}  // namespace kefu::app
