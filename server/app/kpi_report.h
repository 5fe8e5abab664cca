#pragma once
// The KPI code's results (server/kpi) as the HTTP API's messages (api.proto) and as CSV: the
// figures, their drill-down and the monthly scorecards. No I/O.
#include <string>
#include <vector>

#include "chat/shop_directory.h"
#include "kefu/v1/api.pb.h"
#include "kpi/figures.h"
#include "kpi/scorecard.h"

namespace kefu::app {

// The shop's calendar for its figures: local days in the shop's time zone (R-SHIFT-1).
kpi::ShopTime shop_time(const chat::ShopEntry& shop);

v1::FiguresReport figures_report(const kpi::Figures& f, const std::string& scope, TimePoint as_of);
v1::DrilldownReport drilldown_report(const kpi::Figures& f, const std::string& scope,
                                     TimePoint as_of);
v1::ScorecardReport scorecard_report(const kpi::Scorecard& s, const std::string& month);

// One line per report, a header first; rates as percentages with two decimals, times in
// seconds with one, money in yuan with two: what a supervisor pastes into a spreadsheet.
std::string figures_csv(const std::vector<v1::FiguresReport>& reports);
std::string scorecards_csv(const v1::ScorecardList& list);

}  // namespace kefu::app
