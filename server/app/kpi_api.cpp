#include "app/kpi_api.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>
#include <memory>

#include "app/json_body.h"
#include "app/kpi_report.h"
#include "kpi/levels.h"
#include "kpi/low_performers.h"
#include "kpi/scorecard.h"
#include "kpi/timeline.h"
#include "routing/group_binding.h"
#include "shifts/local_time.h"

namespace kefu::app {

namespace {

std::optional<kpi::Granularity> granularity_of(std::string_view by) {
  if (by == "day") return kpi::Granularity::kDay;
  if (by == "month") return kpi::Granularity::kMonth;
  if (by == "quarter") return kpi::Granularity::kQuarter;
  if (by == "year") return kpi::Granularity::kYear;
  return std::nullopt;
}

// "2026-11" → the month's days.
std::optional<kpi::DateRange> month_of(std::string_view text) {
  int y = 0;
  unsigned m = 0;
  if (text.size() != 7 || text[4] != '-') return std::nullopt;
  auto a = std::from_chars(text.data(), text.data() + 4, y);
  auto b = std::from_chars(text.data() + 5, text.data() + 7, m);
  if (a.ec != std::errc{} || b.ec != std::errc{} || a.ptr != text.data() + 4 ||
      b.ptr != text.data() + 7 || m < 1 || m > 12 || y < 2000 || y > 2999)
    return std::nullopt;
  return kpi::month_range(std::chrono::year{y}, std::chrono::month{m});
}

// The from= and to= of a report (default: today), as local days in order.
struct Period {
  std::string from, to;
  kpi::DateRange range;
};
std::optional<Period> period_of(const net::HttpRequest& req, const kpi::ShopTime& time,
                                TimePoint now) {
  Period p{query_param(req.query, "from"), query_param(req.query, "to"), {}};
  if (p.from.empty()) p.from = kpi::to_string(time.local_date(now));
  if (p.to.empty()) p.to = p.from;
  const auto first = shifts::parse_date(p.from), last = shifts::parse_date(p.to);
  if (!first || !last || *last < *first) return std::nullopt;
  p.range = kpi::DateRange{*first, *last};
  return p;
}

std::string month_text(const kpi::DateRange& r) { return kpi::to_string(r.first).substr(0, 7); }

net::HttpResponse csv_body(std::string body, const std::string& name) {
  net::HttpResponse res;
  res.content_type = "text/csv; charset=utf-8";
  // A byte order mark, so spreadsheet programs read the Chinese text as UTF-8.
  res.body = "\xEF\xBB\xBF" + std::move(body);
  res.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + name + ".csv\"");
  res.headers.emplace_back("Cache-Control", "no-store");
  return res;
}

bool is_presale(const v1::AgentAccount& a) { return a.group() == routing::kPreSaleGroup; }

// The agents the configuration puts in `group`: a group's figures are theirs.
std::vector<std::string> group_members(const v1::Shop& shop, std::string_view group) {
  std::vector<std::string> members;
  for (const auto& a : shop.agents())
    if (a.group() == group) members.push_back(a.id());
  return members;
}

// The agents whose scorecards a month has: everyone routed conversations, not supervisors.
std::vector<const v1::AgentAccount*> scored_agents(const chat::ShopEntry& shop) {
  std::vector<const v1::AgentAccount*> out;
  for (const auto& a : shop.config.agents())
    if (!a.supervisor()) out.push_back(&a);
  return out;
}

kpi::SupervisorEntry entry_of(const v1::ScoreEntry& e) {
  return kpi::SupervisorEntry{e.part_id(), e.points_tenths(), e.entered_by(),
                              from_ms(e.entered_at_ms()), e.note()};
}

kpi::ScoreAdjustment adjustment_of(const v1::ScoreAdjustmentEntry& a) {
  return kpi::ScoreAdjustment{
      a.kind() == "bonus" ? kpi::AdjustmentKind::kBonus : kpi::AdjustmentKind::kDeduction,
      a.reason(), a.count(), a.entered_by(), from_ms(a.entered_at_ms())};
}

// The month's scorecards of every scored agent (R-SCORE-3..6), flags and ranks included.
v1::ScorecardList compute_scorecards(const chat::ShopEntry& shop, const kpi::Timeline& timeline,
                                     const kpi::DateRange& month, const kpi::DateRange& previous,
                                     const chat::MonthEntries& entries,
                                     const chat::MonthEntries& previous_entries, TimePoint as_of) {
  const kpi::KpiSettings& settings = shop.kpi.settings;
  auto card = [&](const v1::AgentAccount& agent, const kpi::DateRange& range,
                  const chat::MonthEntries& e, std::optional<std::int32_t> previous_tenths) {
    const kpi::Figures figures =
        kpi::summarize(timeline, settings, kpi::Scope::agent(agent.id()), range);
    kpi::ScorecardInput in;
    in.agent_id = agent.id();
    in.figures = &figures;
    for (const auto& x : e.entries)
      if (x.agent_id() == agent.id()) in.entries.push_back(entry_of(x));
    for (const auto& x : e.adjustments)
      if (x.agent_id() == agent.id()) in.adjustments.push_back(adjustment_of(x));
    in.previous_month_tenths = previous_tenths;
    in.bands = shop.kpi.bands;
    in.blackouts = shop.kpi.blackouts;
    auto s = kpi::compute_scorecard(shop.kpi.template_for(is_presale(agent)), in);
    s.month = range;
    return s;
  };
  std::vector<kpi::Scorecard> team;
  std::vector<std::int32_t> previous_totals;
  for (const auto* agent : scored_agents(shop)) {
    const auto before = card(*agent, previous, previous_entries, std::nullopt);
    team.push_back(card(*agent, month, entries, before.total_tenths));
    previous_totals.push_back(before.total_tenths);
  }
  kpi::apply_team_flags(team);
  v1::ScorecardList out;
  out.set_month(month_text(month));
  out.set_as_of_ms(to_ms(as_of));
  std::int64_t sum = 0;
  for (std::size_t i = 0; i < team.size(); ++i) {
    auto* r = out.add_scorecards();
    *r = scorecard_report(team[i], out.month());
    r->set_previous_month_tenths(previous_totals[i]);
    // R-SCORE-6: 1 + the number of colleagues with a higher total.
    r->set_monthly_rank(1 + static_cast<int>(std::count_if(
                                team.begin(), team.end(), [&](const kpi::Scorecard& other) {
                                  return other.total_tenths > team[i].total_tenths;
                                })));
    sum += team[i].total_tenths;
  }
  if (!team.empty())
    out.set_team_average_tenths(
        static_cast<std::int32_t>(sum / static_cast<std::int64_t>(team.size())));
  return out;
}

}  // namespace

bool KpiApi::handle(const net::HttpRequest& req, net::Respond& respond) {
  const auto parts = split_path(req.path);
  if (parts.size() < 4 || parts[0] != "api" || parts[1] != "shops") return false;
  const chat::ShopEntry* shop = d_.shops.shop(parts[2]);
  const std::vector<std::string> rest(parts.begin() + 3, parts.end());
  enum class Route {
    kFigures,
    kDrilldown,
    kTeam,
    kGroups,
    kCards,
    kReview,
    kPart,
    kAdjustment,
    kComplaint
  };
  std::optional<Route> route;
  if (rest.size() == 1 && rest[0] == "figures") route = Route::kFigures;
  if (rest.size() == 2 && rest[0] == "figures" && rest[1] == "drilldown") route = Route::kDrilldown;
  if (rest.size() == 2 && rest[0] == "figures" && rest[1] == "team") route = Route::kTeam;
  if (rest.size() == 2 && rest[0] == "figures" && rest[1] == "groups") route = Route::kGroups;
  if (rest.size() == 1 && rest[0] == "scorecards") route = Route::kCards;
  if (rest.size() == 2 && rest[0] == "scorecards" && rest[1] == "review") route = Route::kReview;
  if (rest.size() == 5 && rest[0] == "scorecards" && rest[3] == "parts") route = Route::kPart;
  if (rest.size() == 4 && rest[0] == "scorecards" && rest[3] == "adjustments")
    route = Route::kAdjustment;
  if ((rest.size() == 1 && rest[0] == "complaints") ||
      (rest.size() == 3 && rest[0] == "complaints" && rest[2] == "dismiss"))
    route = Route::kComplaint;
  if (!route) return false;
  const std::string method = *route == Route::kPart                                        ? "PUT"
                             : *route == Route::kAdjustment || *route == Route::kComplaint ? "POST"
                                                                                           : "GET";
  if (refused(shop, req, method, respond)) return true;
  auto then = [this, req, shop, rest, r = *route](const v1::AgentAccount& me,
                                                  net::Respond respond) {
    switch (r) {
      case Route::kFigures:
        return figures(req, *shop, me, false, std::move(respond));
      case Route::kDrilldown:
        return figures(req, *shop, me, true, std::move(respond));
      case Route::kTeam:
        return team(req, *shop, std::move(respond));
      case Route::kGroups:
        return groups(req, *shop, std::move(respond));
      case Route::kCards:
        return scorecards(req, *shop, me, std::move(respond));
      case Route::kReview:
        return review(req, *shop, std::move(respond));
      case Route::kPart:
        return enter_part(req, *shop, rest, me, std::move(respond));
      case Route::kAdjustment:
        return add_adjustment(req, *shop, rest, me, std::move(respond));
      case Route::kComplaint:
        return complaint(req, *shop, rest, me, std::move(respond));
    }
  };
  // Figures, drill-down and scorecards check the reader themselves (agents read their own).
  const bool members =
      *route == Route::kFigures || *route == Route::kDrilldown || *route == Route::kCards;
  if (members)
    d_.access.as_member(req, *shop, std::move(respond), then);
  else
    d_.access.as_supervisor(req, *shop, std::move(respond), then);
  return true;
}

void KpiApi::figures(const net::HttpRequest& req, const chat::ShopEntry& shop,
                     const v1::AgentAccount& reader, bool drilldown, net::Respond respond) {
  const std::string agent = query_param(req.query, "agent"),
                    group = query_param(req.query, "group");
  if (!reader.supervisor() && (agent != reader.id() || !group.empty()))
    return respond(api_error(403, "forbidden", "an agent reads their own figures only", "agent"));
  if (!agent.empty() && !group.empty())
    return respond(api_error(400, "bad_request", "name an agent or a group, not both", "group"));
  kpi::Scope scope = kpi::Scope::shop();
  std::string scope_name = "shop";
  if (!agent.empty()) {
    if (!d_.shops.agent(shop.config.id(), agent))
      return respond(api_error(404, "not_found", "no such agent", "agent"));
    scope = kpi::Scope::agent(agent);
    scope_name = agent;
  } else if (!group.empty()) {
    std::vector<std::string> members = group_members(shop.config, group);
    // A group added in the settings with nobody in it yet has figures too: zeros.
    const bool known = std::any_of(shop.config.groups().begin(), shop.config.groups().end(),
                                   [&](const v1::Group& g) { return g.id() == group; });
    if (members.empty() && !known)
      return respond(api_error(404, "not_found", "no such group", "group"));
    scope = kpi::Scope::agents("group:" + group, members);
    scope_name = "group:" + group;
  }
  const kpi::ShopTime time = shop_time(shop);
  const TimePoint now = d_.clock.now();
  const auto period = period_of(req, time, now);
  if (!period)
    return respond(
        api_error(400, "bad_request", "from and to must be YYYY-MM-DD, in order", "from"));
  const std::string &from = period->from, &to = period->to;
  const std::string by = query_param(req.query, "by");
  const auto g = granularity_of(by);
  if (!by.empty() && !g)
    return respond(api_error(400, "bad_request", "by: day, month, quarter or year", "by"));
  const bool as_csv = query_param(req.query, "format") == "csv";
  const kpi::DateRange range = period->range;
  // A closed period (its last day's attribution window has passed) is computed once and kept.
  const kpi::KpiSettings settings = shop.kpi.settings;
  const bool closed =
      kpi::days_between(range.last, time.local_date(now)) > settings.conversion_final_days;
  const std::string query = std::string{drilldown ? "drilldown" : "figures"} + "|" + scope_name +
                            "|" + from + "|" + to + "|" + by + "|" + (as_csv ? "csv" : "json");
  auto answer = [=](const std::string& body) {
    if (as_csv) return csv_body(body, "figures-" + from + "-" + to);
    net::HttpResponse res;
    res.body = body;
    res.headers.emplace_back("Cache-Control", "no-store");
    return res;
  };
  auto compute = [=, this, &shop](net::Respond respond) {
    const std::string shop_id = shop.config.id();
    d_.facts.read(
        shop_id, chat::KpiFacts::kWholeLog,
        [=, this, respond = std::move(respond)](chat::StoreError e, kpi::FactLog log) {
          if (e != chat::StoreError::None) return respond(store_failure(e));
          const kpi::Timeline timeline = kpi::build_timeline(log, settings, time, now);
          std::string body;
          if (drilldown) {
            body = to_json(drilldown_report(kpi::summarize(timeline, settings, scope, range),
                                            scope_name, now));
          } else {
            std::vector<v1::FiguresReport> reports;
            if (g) {
              for (const auto& f : kpi::summarize_by(timeline, settings, scope, range, *g))
                reports.push_back(figures_report(f, scope_name, now));
            } else {
              reports.push_back(figures_report(kpi::summarize(timeline, settings, scope, range),
                                               scope_name, now));
            }
            if (as_csv) {
              body = figures_csv(reports);
            } else if (!g) {
              body = to_json(reports.front());
            } else {
              v1::FiguresReportList list;
              for (auto& r : reports) *list.add_reports() = std::move(r);
              body = to_json(list);
            }
          }
          if (closed) d_.cache.put(shop_id, query, body);
          respond(answer(body));
        });
  };
  if (!closed) return compute(std::move(respond));
  d_.cache.get(shop.config.id(), query,
               [=, respond = std::move(respond)](std::optional<std::string> kept) mutable {
                 if (kept) return respond(answer(*kept));
                 compute(std::move(respond));
               });
}

void KpiApi::scorecards(const net::HttpRequest& req, const chat::ShopEntry& shop,
                        const v1::AgentAccount& reader, net::Respond respond) {
  const kpi::ShopTime time = shop_time(shop);
  const TimePoint now = d_.clock.now();
  std::string month_param = query_param(req.query, "month");
  if (month_param.empty()) month_param = kpi::to_string(time.local_date(now)).substr(0, 7);
  const auto month = month_of(month_param);
  if (!month) return respond(api_error(400, "bad_request", "month must be YYYY-MM", "month"));
  const std::string agent = query_param(req.query, "agent");
  if (!reader.supervisor() && agent != reader.id())
    return respond(api_error(403, "forbidden", "an agent reads their own scorecard only", "agent"));
  const auto previous_first = kpi::add_days(month->first, -1);
  const kpi::DateRange previous = kpi::month_range(previous_first.year(), previous_first.month());
  const bool as_csv = query_param(req.query, "format") == "csv";
  const std::string shop_id = shop.config.id();
  // The month's entries, the previous month's (for R-SCORE-4's two failing months), the facts.
  d_.entries.read(
      shop_id, month_param,
      [=, this, &shop, respond = std::move(respond)](chat::StoreError e,
                                                     chat::MonthEntries now_entries) {
        if (e != chat::StoreError::None) return respond(store_failure(e));
        d_.entries.read(
            shop_id, month_text(previous),
            [=, this, &shop, now_entries = std::move(now_entries)](chat::StoreError e,
                                                                   chat::MonthEntries before) {
              if (e != chat::StoreError::None) return respond(store_failure(e));
              d_.facts.read(
                  shop_id, chat::KpiFacts::kWholeLog,
                  [=, &shop](chat::StoreError e, kpi::FactLog log) {
                    if (e != chat::StoreError::None) return respond(store_failure(e));
                    const kpi::Timeline timeline =
                        kpi::build_timeline(log, shop.kpi.settings, time, now);
                    v1::ScorecardList list = compute_scorecards(shop, timeline, *month, previous,
                                                                now_entries, before, now);
                    if (!agent.empty()) {
                      auto* cards = list.mutable_scorecards();
                      cards->erase(
                          std::remove_if(cards->begin(), cards->end(),
                                         [&](const auto& c) { return c.agent_id() != agent; }),
                          cards->end());
                    }
                    if (as_csv)
                      return respond(csv_body(scorecards_csv(list), "scorecards-" + month_param));
                    respond(ok_json(list));
                  });
            });
      });
}

void KpiApi::enter_part(const net::HttpRequest& req, const chat::ShopEntry& shop,
                        const std::vector<std::string>& rest, const v1::AgentAccount& supervisor,
                        net::Respond respond) {
  // scorecards/{month}/{agent}/parts/{part}
  if (!month_of(rest[1]))
    return respond(api_error(400, "bad_request", "month must be YYYY-MM", "month"));
  const v1::AgentAccount* agent = d_.shops.agent(shop.config.id(), rest[2]);
  if (!agent || agent->supervisor()) return respond(api_error(404, "not_found", "no such agent"));
  const kpi::ScoreTemplate& t = shop.kpi.template_for(is_presale(*agent));
  const auto part = std::find_if(t.parts.begin(), t.parts.end(),
                                 [&](const kpi::ScorePart& p) { return p.id == rest[4]; });
  if (part == t.parts.end())
    return respond(api_error(404, "not_found", "no such part on this agent's scorecard"));
  v1::ScoreEntryRequest body;
  net::HttpResponse error;
  if (!parse_body(req, body, error)) return respond(std::move(error));
  if (body.points_tenths() < 0 || body.points_tenths() > part->max_tenths)
    return respond(api_error(400, "bad_request",
                             "pointsTenths: 0 to " + std::to_string(part->max_tenths),
                             "pointsTenths"));
  if (body.note().size() > 1000)
    return respond(api_error(400, "bad_request", "note: at most 1000 bytes", "note"));
  v1::ScoreEntry entry;
  entry.set_agent_id(agent->id());
  entry.set_part_id(part->id);
  entry.set_points_tenths(body.points_tenths());
  entry.set_entered_by(supervisor.id());
  entry.set_entered_at_ms(d_.clock.now_ms());
  entry.set_note(body.note());
  d_.entries.put_entry(shop.config.id(), rest[1], entry,
                       [entry, respond = std::move(respond)](chat::StoreError e) {
                         if (e != chat::StoreError::None) return respond(store_failure(e));
                         spdlog::info("scorecard: {} entered {} for {} by {}", entry.part_id(),
                                      entry.points_tenths(), entry.agent_id(), entry.entered_by());
                         respond(ok_json(entry));
                       });
}

void KpiApi::add_adjustment(const net::HttpRequest& req, const chat::ShopEntry& shop,
                            const std::vector<std::string>& rest,
                            const v1::AgentAccount& supervisor, net::Respond respond) {
  // scorecards/{month}/{agent}/adjustments
  if (!month_of(rest[1]))
    return respond(api_error(400, "bad_request", "month must be YYYY-MM", "month"));
  const v1::AgentAccount* agent = d_.shops.agent(shop.config.id(), rest[2]);
  if (!agent || agent->supervisor()) return respond(api_error(404, "not_found", "no such agent"));
  v1::ScoreAdjustmentRequest body;
  net::HttpResponse error;
  if (!parse_body(req, body, error)) return respond(std::move(error));
  if (body.kind() != "bonus" && body.kind() != "deduction")
    return respond(api_error(400, "bad_request", "kind: bonus or deduction", "kind"));
  if (body.reason().empty() || body.reason().size() > 1000)
    return respond(api_error(400, "bad_request", "reason: 1 to 1000 bytes", "reason"));
  const int count = body.count() == 0 ? 1 : body.count();
  if (count < 1 || count > 20)
    return respond(api_error(400, "bad_request", "count: 1 to 20", "count"));
  v1::ScoreAdjustmentEntry a;
  a.set_agent_id(agent->id());
  a.set_kind(body.kind());
  a.set_reason(body.reason());
  a.set_count(count);
  a.set_entered_by(supervisor.id());
  a.set_entered_at_ms(d_.clock.now_ms());
  d_.entries.add_adjustment(shop.config.id(), rest[1], a,
                            [a, respond = std::move(respond)](chat::StoreError e) {
                              if (e != chat::StoreError::None) return respond(store_failure(e));
                              respond(ok_json(a));
                            });
}

namespace {

// "2026-Q4" → the quarter's three months.
std::optional<std::vector<kpi::DateRange>> quarter_of(std::string_view text) {
  int y = 0;
  if (text.size() != 7 || text[4] != '-' || text[5] != 'Q' || text[6] < '1' || text[6] > '4')
    return std::nullopt;
  auto a = std::from_chars(text.data(), text.data() + 4, y);
  if (a.ec != std::errc{} || a.ptr != text.data() + 4 || y < 2000 || y > 2999) return std::nullopt;
  const unsigned first = 3 * static_cast<unsigned>(text[6] - '1') + 1;
  std::vector<kpi::DateRange> months;
  for (unsigned m = first; m < first + 3; ++m)
    months.push_back(kpi::month_range(std::chrono::year{y}, std::chrono::month{m}));
  return months;
}

// Reads the entries of `months` one after the other, then calls done with all of them.
void read_months(chat::ScoreEntries& entries, const std::string& shop_id,
                 std::vector<std::string> months,
                 std::function<void(chat::StoreError, std::vector<chat::MonthEntries>)> done,
                 std::vector<chat::MonthEntries> so_far = {}) {
  if (so_far.size() == months.size()) return done(chat::StoreError::None, std::move(so_far));
  const std::string month = months[so_far.size()];
  entries.read(shop_id, month,
               [&entries, shop_id, months = std::move(months), done = std::move(done),
                so_far = std::move(so_far)](chat::StoreError e, chat::MonthEntries got) mutable {
                 if (e != chat::StoreError::None) return done(e, {});
                 so_far.push_back(std::move(got));
                 read_months(entries, shop_id, std::move(months), std::move(done),
                             std::move(so_far));
               });
}

}  // namespace

void KpiApi::team(const net::HttpRequest& req, const chat::ShopEntry& shop, net::Respond respond) {
  const std::string group = query_param(req.query, "group");
  std::vector<std::string> members;
  for (const auto* a : scored_agents(shop))
    if (group.empty() || a->group() == group) members.push_back(a->id());
  if (members.empty()) return respond(api_error(404, "not_found", "no such group", "group"));
  const kpi::ShopTime time = shop_time(shop);
  const TimePoint now = d_.clock.now();
  const auto period = period_of(req, time, now);
  if (!period)
    return respond(
        api_error(400, "bad_request", "from and to must be YYYY-MM-DD, in order", "from"));
  d_.facts.read(
      shop.config.id(), chat::KpiFacts::kWholeLog,
      [=, &shop, range = period->range, respond = std::move(respond)](chat::StoreError e,
                                                                      kpi::FactLog log) {
        if (e != chat::StoreError::None) return respond(store_failure(e));
        const kpi::KpiSettings settings = shop.kpi.settings;
        const kpi::Timeline timeline = kpi::build_timeline(log, settings, time, now);
        std::vector<kpi::Figures> figures;
        for (const auto& id : members)
          figures.push_back(kpi::summarize(timeline, settings, kpi::Scope::agent(id), range));
        const kpi::LowPerformerReport flags = kpi::low_performers(figures);
        v1::TeamFigures out;
        out.set_group(group);
        for (std::size_t i = 0; i < figures.size(); ++i) {
          auto* m = out.add_members();
          *m->mutable_report() = figures_report(figures[i], members[i], now);
          m->set_reply_rate_below_average(flags.agents[i].reply_rate_below_average);
          m->set_reception_below_average(flags.agents[i].reception_below_average);
        }
        out.set_has_reply_rate_average(flags.averages.reply_rate_ppm.has_value());
        out.set_reply_rate_average_ppm(flags.averages.reply_rate_ppm.value_or(0));
        out.set_receptions_average_milli(flags.averages.receptions_milli.value_or(0));
        respond(ok_json(out));
      });
}

// R-SUP-3: every group's figures side by side, over the agents the configuration puts in it (a
// group added in the settings with nobody in it yet shows zeros).
void KpiApi::groups(const net::HttpRequest& req, const chat::ShopEntry& shop,
                    net::Respond respond) {
  const kpi::ShopTime time = shop_time(shop);
  const TimePoint now = d_.clock.now();
  const auto period = period_of(req, time, now);
  if (!period)
    return respond(
        api_error(400, "bad_request", "from and to must be YYYY-MM-DD, in order", "from"));
  const bool as_csv = query_param(req.query, "format") == "csv";
  std::vector<kpi::Scope> scopes;
  for (const auto& g : shop.config.groups())
    scopes.push_back(kpi::Scope::agents("group:" + g.id(), group_members(shop.config, g.id())));
  d_.facts.read(
      shop.config.id(), chat::KpiFacts::kWholeLog,
      [=, &shop, p = *period, respond = std::move(respond)](chat::StoreError e, kpi::FactLog log) {
        if (e != chat::StoreError::None) return respond(store_failure(e));
        const kpi::KpiSettings settings = shop.kpi.settings;
        const kpi::Timeline timeline = kpi::build_timeline(log, settings, time, now);
        std::vector<v1::FiguresReport> reports;
        for (const auto& scope : scopes)
          reports.push_back(
              figures_report(kpi::summarize(timeline, settings, scope, p.range), scope.name, now));
        if (as_csv) return respond(csv_body(figures_csv(reports), "groups-" + p.from + "-" + p.to));
        v1::FiguresReportList list;
        for (auto& r : reports) *list.add_reports() = std::move(r);
        respond(ok_json(list));
      });
}

void KpiApi::review(const net::HttpRequest& req, const chat::ShopEntry& shop,
                    net::Respond respond) {
  const std::string quarter = query_param(req.query, "quarter");
  const auto months = quarter_of(quarter);
  if (!months)
    return respond(
        api_error(400, "bad_request", "quarter must be YYYY-Qn, e.g. 2026-Q4", "quarter"));
  std::vector<std::string> names;
  for (const auto& m : *months) names.push_back(month_text(m));
  const kpi::ShopTime time = shop_time(shop);
  const TimePoint now = d_.clock.now();
  read_months(d_.entries, shop.config.id(), names,
              [this, &shop, quarter, months = *months, time, now, respond = std::move(respond)](
                  chat::StoreError e, std::vector<chat::MonthEntries> entries) mutable {
                if (e != chat::StoreError::None) return respond(store_failure(e));
                d_.facts.read(
                    shop.config.id(), chat::KpiFacts::kWholeLog,
                    [=, &shop, entries = std::move(entries)](chat::StoreError e, kpi::FactLog log) {
                      if (e != chat::StoreError::None) return respond(store_failure(e));
                      const kpi::Timeline timeline =
                          kpi::build_timeline(log, shop.kpi.settings, time, now);
                      const auto agents = scored_agents(shop);
                      std::vector<kpi::AgentMonths> totals(agents.size());
                      for (std::size_t i = 0; i < agents.size(); ++i)
                        totals[i].agent_id = agents[i]->id();
                      for (std::size_t m = 0; m < months.size(); ++m) {
                        const auto before = kpi::add_days(months[m].first, -1);
                        const v1::ScorecardList list = compute_scorecards(
                            shop, timeline, months[m],
                            kpi::month_range(before.year(), before.month()), entries[m], {}, now);
                        for (std::size_t i = 0; i < agents.size(); ++i)
                          totals[i].monthly_tenths.push_back(
                              list.scorecards(static_cast<int>(i)).total_tenths());
                      }
                      const auto ranked = kpi::rank_by_average(totals);
                      const kpi::LocalDate today = time.local_date(now);
                      v1::LevelReview out;
                      out.set_quarter(quarter);
                      for (std::size_t i = 0; i < agents.size(); ++i) {
                        auto* r = out.add_agents();
                        r->set_agent_id(agents[i]->id());
                        for (auto t : totals[i].monthly_tenths) r->add_monthly_tenths(t);
                        const kpi::QuarterGrade g = kpi::quarterly_grade(totals[i].monthly_tenths);
                        if (g.grade) r->set_grade(kpi::to_string(*g.grade));
                        r->set_average_tenths(g.average_tenths);
                        for (const auto& x : ranked)
                          if (x.agent_id == agents[i]->id()) r->set_average_rank(x.rank);
                        if (auto hired = shifts::parse_date(agents[i]->hired_on())) {
                          r->set_has_tenure(true);
                          r->set_tenure_months(kpi::tenure_months(*hired, today));
                        }
                      }
                      respond(ok_json(out));
                    });
              });
}

void KpiApi::complaint(const net::HttpRequest& req, const chat::ShopEntry& shop,
                       const std::vector<std::string>& rest, const v1::AgentAccount& supervisor,
                       net::Respond respond) {
  std::string conversation, text, id;
  if (rest.size() == 1) {
    v1::ComplaintRequest body;
    net::HttpResponse error;
    if (!parse_body(req, body, error)) return respond(std::move(error));
    if (body.conversation_id().empty() || body.conversation_id().size() > 128)
      return respond(api_error(400, "bad_request", "conversationId is required", "conversationId"));
    if (body.text().empty() || body.text().size() > 2000)
      return respond(api_error(400, "bad_request", "text: 1 to 2000 bytes", "text"));
    conversation = body.conversation_id();
    text = body.text();
  } else {
    id = rest[1];
    if (id.size() > 128) return respond(api_error(404, "not_found", "no such complaint"));
  }
  d_.facts.record_complaint(
      shop.config.id(), conversation, id, text, supervisor.id(), d_.clock.now_ms(),
      [respond = std::move(respond)](chat::StoreError e, chat::KpiFacts::ComplaintRecord r) {
        if (e == chat::StoreError::NotFound)
          return respond(api_error(404, "not_found", "no such conversation or complaint"));
        if (e != chat::StoreError::None) return respond(store_failure(e));
        v1::ComplaintRecorded out;
        out.set_complaint_id(r.id);
        out.set_conversation_id(r.conversation_id);
        out.set_agent_id(r.agent_id);
        out.set_valid(r.valid);
        respond(ok_json(out));
      });
}

}  // namespace kefu::app
