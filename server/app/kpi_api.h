#pragma once
// The KPI part of the shop API (issue 5; DOMAIN.md §6, §7): figures by agent, group or shop
// and by day, month, quarter or year; their drill-down; the monthly scorecards with what
// supervisors enter and the commission; CSV for spreadsheets. Everything is recomputed from
// the recorded facts (chat/kpi_facts.h) by the pure code in server/kpi, so any number can be
// checked against the drill-down.
//
//   GET  figures?agent=|group=&from=&to=&by=day|month|quarter|year&format=csv
//   GET  figures/drilldown?agent=|group=&from=&to=
//   GET  figures/team?group=&from=&to=              (R-KPI-8 low-performer flags)
//   GET  figures/groups?from=&to=&format=csv        (R-SUP-3: every group's, side by side)
//   GET  scorecards?month=YYYY-MM&agent=&format=csv
//   PUT  scorecards/{month}/{agent}/parts/{part}   {"pointsTenths": 85, "note": "..."}
//   POST scorecards/{month}/{agent}/adjustments    {"kind": "bonus", "reason": "...", "count": 1}
//   GET  scorecards/review?quarter=YYYY-Qn          (R-SCORE-6 level review)
//   POST complaints {"conversationId", "text"}; POST complaints/{id}/dismiss   (R-KPI-7)
//
// Agents read their own figures, drill-down and scorecard; the rest is for supervisors.
#include <string>
#include <vector>

#include "app/shop_access.h"
#include "chat/kpi_cache.h"
#include "chat/kpi_facts.h"
#include "chat/score_entries.h"
#include "chat/shop_directory.h"
#include "core/clock.h"
#include "kpi/figures.h"
#include "net/http_types.h"

namespace kefu::app {

struct KpiApiDeps {
  ShopAccess& access;
  chat::KpiFacts& facts;
  chat::ScoreEntries& entries;
  chat::KpiCache& cache;
  const chat::ShopDirectory& shops;
  const Clock& clock;
};

class KpiApi {
 public:
  explicit KpiApi(KpiApiDeps deps) : d_{deps} {}
  // Answers the routes above; false leaves the request to others.
  bool handle(const net::HttpRequest& req, net::Respond& respond);

 private:
  void figures(const net::HttpRequest& req, const chat::ShopEntry& shop,
               const v1::AgentAccount& reader, bool drilldown, net::Respond respond);
  void scorecards(const net::HttpRequest& req, const chat::ShopEntry& shop,
                  const v1::AgentAccount& reader, net::Respond respond);
  void team(const net::HttpRequest& req, const chat::ShopEntry& shop, net::Respond respond);
  void groups(const net::HttpRequest& req, const chat::ShopEntry& shop, net::Respond respond);
  void review(const net::HttpRequest& req, const chat::ShopEntry& shop, net::Respond respond);
  void complaint(const net::HttpRequest& req, const chat::ShopEntry& shop,
                 const std::vector<std::string>& rest, const v1::AgentAccount& supervisor,
                 net::Respond respond);
  void enter_part(const net::HttpRequest& req, const chat::ShopEntry& shop,
                  const std::vector<std::string>& rest, const v1::AgentAccount& supervisor,
                  net::Respond respond);
  void add_adjustment(const net::HttpRequest& req, const chat::ShopEntry& shop,
                      const std::vector<std::string>& rest, const v1::AgentAccount& supervisor,
                      net::Respond respond);

  KpiApiDeps d_;
};

}  // namespace kefu::app
