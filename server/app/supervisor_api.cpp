#include "app/supervisor_api.h"

#include <spdlog/spdlog.h>

#include "app/json_body.h"
#include "core/keys.h"
#include "kefu/v1/api.pb.h"
#include "kpi/figures.h"
#include "kpi/timeline.h"
#include "shifts/local_time.h"

namespace kefu::app {

namespace {

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> parts;
  while (!path.empty()) {
    auto slash = path.find('/');
    if (slash != 0) parts.emplace_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return parts;
}

std::string query_param(const std::string& query, std::string_view name) {
  std::string_view q = query;
  while (!q.empty()) {
    auto amp = q.find('&');
    std::string_view pair = q.substr(0, amp);
    auto eq = pair.find('=');
    if (pair.substr(0, eq) == name && eq != std::string_view::npos)
      return std::string{pair.substr(eq + 1)};
    if (amp == std::string_view::npos) break;
    q.remove_prefix(amp + 1);
  }
  return {};
}

std::string bearer_token(const net::HttpRequest& req) {
  for (const auto& [name, value] : req.headers)
    if (name == "authorization" && value.starts_with("Bearer ")) return value.substr(7);
  return {};
}

net::HttpResponse store_failure(chat::StoreError e) {
  if (e == chat::StoreError::Unavailable)
    return api_error(503, "unavailable", "storage unavailable, try again");
  return api_error(500, "internal", chat::to_string(e));
}

// A known route asked of an unknown shop (404) or with the wrong method (405): answered here.
bool refused(const chat::ShopEntry* shop, const net::HttpRequest& req, const std::string& method,
             net::Respond& respond) {
  if (!shop) {
    respond(api_error(404, "not_found", "no such shop"));
    return true;
  }
  if (req.method != method) {
    respond(api_error(405, "method_not_allowed", "use " + method));
    return true;
  }
  return false;
}

}  // namespace

bool SupervisorApi::handle(const net::HttpRequest& req, net::Respond& respond) {
  const auto parts = split_path(req.path);
  // api shops {shop} ...
  if (parts.size() < 4 || parts[0] != "api" || parts[1] != "shops") return false;
  const chat::ShopEntry* shop = d_.shops.shop(parts[2]);
  const std::vector<std::string> rest(parts.begin() + 3, parts.end());
  auto agent_of = [&](const std::string& id) {
    return shop ? d_.shops.agent(shop->config.id(), id) : nullptr;
  };

  if (orders_route(req, shop, rest, respond)) return true;
  if (rest.size() == 1 && rest[0] == "figures") {
    if (refused(shop, req, "GET", respond)) return true;
    as_member(req, *shop, std::move(respond),
              [this, req, shop](const v1::AgentAccount& me, net::Respond respond) {
                figures(req, *shop, me, std::move(respond));
              });
    return true;
  }
  // GET audit | PUT agents/{id}/capacity | PUT agents/{id}/presence | PUT rota/{date}/{id}
  const bool audit = rest.size() == 1 && rest[0] == "audit";
  const bool agent_setting =
      rest.size() == 3 && rest[0] == "agents" && (rest[2] == "capacity" || rest[2] == "presence");
  const bool rota = rest.size() == 3 && rest[0] == "rota";
  if (!audit && !agent_setting && !rota) return false;
  if (refused(shop, req, audit ? "GET" : "PUT", respond)) return true;
  as_supervisor(req, *shop, std::move(respond),
                [this, req, shop, rest, audit, agent_setting, agent_of](const v1::AgentAccount&,
                                                                        net::Respond respond) {
                  if (audit) return this->audit(req, *shop, std::move(respond));
                  const v1::AgentAccount* agent = agent_of(agent_setting ? rest[1] : rest[2]);
                  if (!agent) return respond(api_error(404, "not_found", "no such agent"));
                  if (!agent_setting)
                    return set_rota(req, *shop, rest[1], *agent, std::move(respond));
                  if (rest[2] == "capacity")
                    return set_capacity(req, *shop, *agent, std::move(respond));
                  set_presence(req, *shop, *agent, std::move(respond));
                });
  return true;
}

namespace {

// An answer of OrderService as HTTP: the message, or the status its failure calls for.
template <typename T>
std::function<void(orders::Outcome, T)> http_answer(net::Respond respond) {
  return [respond = std::move(respond)](orders::Outcome o, T value) {
    if (!o.problem.empty()) return respond(api_error(400, "bad_request", o.problem));
    if (o.error == chat::StoreError::NotFound)
      return respond(api_error(404, "not_found", "no such conversation, order or note"));
    if (o.error != chat::StoreError::None) return respond(store_failure(o.error));
    respond(ok_json(value));
  };
}

}  // namespace

bool SupervisorApi::orders_route(const net::HttpRequest& req, const chat::ShopEntry* shop,
                                 const std::vector<std::string>& rest, net::Respond& respond) {
  const bool list = rest.size() == 3 && rest[0] == "buyers" && rest[2] == "orders";
  const bool order = rest.size() == 2 && rest[0] == "orders";
  const bool history = rest.size() == 3 && rest[0] == "notes" && rest[2] == "history";
  const bool follow_ups = rest.size() == 1 && rest[0] == "follow-ups";
  if (!list && !order && !history && !follow_ups) return false;
  if (refused(shop, req, "GET", respond)) return true;
  as_supervisor(req, *shop, std::move(respond),
                [this, req, shop, rest, list, order, history](const v1::AgentAccount& me,
                                                              net::Respond respond) {
                  const std::string& id = shop->config.id();
                  const orders::Reader reader{me.id(), true};
                  if (list)
                    return d_.orders.list_orders(id, orders::BuyerBy::Buyer, rest[1],
                                                 std::atoi(query_param(req.query, "limit").c_str()),
                                                 http_answer<v1::OrderList>(std::move(respond)));
                  if (order)
                    return d_.orders.get_order(id, reader, rest[1],
                                               http_answer<v1::OrderView>(std::move(respond)));
                  if (history)
                    return d_.orders.note_history(id, rest[1],
                                                  http_answer<v1::NoteHistory>(std::move(respond)));
                  d_.orders.list_follow_ups(id, reader, query_param(req.query, "done") == "1",
                                            http_answer<v1::FollowUpList>(std::move(respond)));
                });
  return true;
}

void SupervisorApi::as_supervisor(const net::HttpRequest& req, const chat::ShopEntry& shop,
                                  net::Respond respond,
                                  std::function<void(const v1::AgentAccount&, net::Respond)> then) {
  as_member(
      req, shop, std::move(respond),
      [then = std::move(then)](const v1::AgentAccount& me, net::Respond respond) {
        if (!me.supervisor())
          return respond(api_error(403, "forbidden", "only a supervisor of this shop may do this"));
        then(me, std::move(respond));
      });
}

void SupervisorApi::as_member(const net::HttpRequest& req, const chat::ShopEntry& shop,
                              net::Respond respond,
                              std::function<void(const v1::AgentAccount&, net::Respond)> then) {
  const std::string token = bearer_token(req);
  if (token.empty() || token.size() > 128)
    return respond(api_error(401, "unauthorized", "send Authorization: Bearer <session token>"));
  // The request lives as long as the HTTP session waits for the answer.
  d_.store.read_agent_session(
      token, [this, &shop, respond = std::move(respond), then = std::move(then)](
                 chat::StoreError e, std::optional<chat::AgentSession> session) mutable {
        if (e != chat::StoreError::None) return respond(store_failure(e));
        if (!session) return respond(api_error(401, "unauthorized", "session expired or unknown"));
        const v1::AgentAccount* me = d_.shops.agent(session->shop_id, session->agent_id);
        if (session->shop_id != shop.config.id() || !me)
          return respond(api_error(403, "forbidden", "not an account of this shop"));
        then(*me, std::move(respond));
      });
}

void SupervisorApi::set_capacity(const net::HttpRequest& req, const chat::ShopEntry& shop,
                                 const v1::AgentAccount& agent, net::Respond respond) {
  v1::SetCapacityRequest body;
  net::HttpResponse error;
  if (!parse_body(req, body, error)) return respond(std::move(error));
  if (body.capacity() < 1 || body.capacity() > 100)
    return respond(api_error(400, "bad_request",
                             "capacity must be 1..100 (set the agent away to stop new chats)",
                             "capacity"));
  d_.routing.set_capacity(
      shop.config.id(), agent.id(), body.capacity(),
      [this, &shop, &agent, respond = std::move(respond)](chat::StoreError e) {
        if (e != chat::StoreError::None) return respond(store_failure(e));
        spdlog::info("supervisor: capacity of {} in shop {} changed", agent.id(), shop.config.id());
        d_.router.agent_changed(shop, agent);  // more room may take from the queue at once
        respond(ok_json(v1::Done{}));
      });
}

void SupervisorApi::set_presence(const net::HttpRequest& req, const chat::ShopEntry& shop,
                                 const v1::AgentAccount& agent, net::Respond respond) {
  v1::SetAgentPresenceRequest body;
  net::HttpResponse error;
  if (!parse_body(req, body, error)) return respond(std::move(error));
  if (body.presence() == v1::PRESENCE_UNSPECIFIED)
    return respond(api_error(400, "bad_request",
                             "presence must be PRESENCE_ONLINE, "
                             "PRESENCE_AWAY or PRESENCE_OFFLINE",
                             "presence"));
  const v1::Presence presence = body.presence();
  d_.router.set_presence(
      shop, agent, presence,
      [this, &shop, &agent, presence, respond = std::move(respond)](chat::StoreError e) {
        if (e != chat::StoreError::None) return respond(store_failure(e));
        // The agent's own consoles learn of it at once.
        v1::BusEvent event;
        event.add_recipients(keys::agent_recipient(agent.id()));
        auto* changed = event.mutable_frame()->mutable_presence_changed();
        changed->set_agent_id(agent.id());
        changed->set_presence(presence);
        d_.store.publish(shop.config.id(), event);
        respond(ok_json(v1::Done{}));
      });
}

void SupervisorApi::set_rota(const net::HttpRequest& req, const chat::ShopEntry& shop,
                             const std::string& date, const v1::AgentAccount& agent,
                             net::Respond respond) {
  if (!shifts::parse_date(date))
    return respond(api_error(400, "bad_request", "the date must be YYYY-MM-DD", "date"));
  v1::SetRotaRequest body;
  net::HttpResponse error;
  if (!parse_body(req, body, error)) return respond(std::move(error));
  for (const auto& id : body.shifts())
    if (!shop.rules.schedule.shifts.contains(id))
      return respond(api_error(400, "bad_request", "no shift '" + id + "' in this shop", "shifts"));
  d_.routing.set_rota(
      shop.config.id(), agent.id(), date, {body.shifts().begin(), body.shifts().end()},
      [this, &shop, &agent, respond = std::move(respond)](chat::StoreError e) {
        if (e != chat::StoreError::None) return respond(store_failure(e));
        spdlog::info("supervisor: rota of {} in shop {} changed", agent.id(), shop.config.id());
        d_.router.agent_changed(shop, agent);  // a shift may start now
        respond(ok_json(v1::Done{}));
      });
}

void SupervisorApi::audit(const net::HttpRequest& req, const chat::ShopEntry& shop,
                          net::Respond respond) {
  const std::string conversation = query_param(req.query, "conversation");
  if (conversation.size() > 128)
    return respond(api_error(400, "bad_request", "conversation is too long", "conversation"));
  d_.routing.read_audit(
      shop.config.id(), conversation, 500,
      [respond = std::move(respond)](chat::StoreError e, std::vector<redis::Reply> entries) {
        if (e != chat::StoreError::None) return respond(store_failure(e));
        v1::AuditList out;
        for (const auto& entry : entries) {
          auto* a = out.add_entries();
          a->set_id(entry.elements[0].str);
          const auto& fields = entry.elements[1].elements;
          for (std::size_t i = 0; i + 1 < fields.size(); i += 2)
            (*a->mutable_fields())[fields[i].str] = fields[i + 1].str;
        }
        respond(ok_json(out));
      });
}

namespace {

v1::DurationFigure duration_of(const kpi::DurationStats& d) {
  v1::DurationFigure out;
  out.set_count(d.count);
  out.set_average_ms(d.average_ms().value_or(0));
  return out;
}

v1::RatioFigure ratio_of(const kpi::Ratio& r) {
  v1::RatioFigure out;
  out.set_num(r.num);
  out.set_den(r.den);
  return out;
}

v1::FiguresReport report_of(const kpi::Figures& f, const std::string& scope,
                            const std::string& from, const std::string& to, TimePoint as_of) {
  v1::FiguresReport out;
  out.set_scope(scope);
  out.set_from(from);
  out.set_to(to);
  out.set_receptions(f.receptions);
  out.set_transfers_in(f.transfers_in);
  out.set_transfers_out(f.transfers_out);
  out.set_ended_by_agent(f.ended_by_agent);
  *out.mutable_first_response_agent() = duration_of(f.first_response_agent);
  *out.mutable_first_response_shop() = duration_of(f.first_response_shop);
  *out.mutable_response() = duration_of(f.response);
  out.set_rounds_answered(f.rounds_answered);
  out.set_rounds_unanswered(f.rounds_unanswered);
  out.set_rounds_pending(f.rounds_pending);
  *out.mutable_answered_within_fast() = ratio_of(f.answered_within_fast);
  *out.mutable_answered_within_slow() = ratio_of(f.answered_within_slow);
  *out.mutable_reply_rate() = ratio_of(f.reply_rate);
  *out.mutable_satisfaction() = ratio_of(f.satisfaction);
  out.set_as_of_ms(to_ms(as_of));
  return out;
}

}  // namespace

void SupervisorApi::figures(const net::HttpRequest& req, const chat::ShopEntry& shop,
                            const v1::AgentAccount& reader, net::Respond respond) {
  const std::string agent = query_param(req.query, "agent");
  if (!reader.supervisor() && agent != reader.id())
    return respond(api_error(403, "forbidden", "an agent reads their own figures only", "agent"));
  if (!agent.empty() && !d_.shops.agent(shop.config.id(), agent))
    return respond(api_error(404, "not_found", "no such agent", "agent"));
  const auto zone = shop.rules.schedule.zone;
  const kpi::ShopTime time{[zone](TimePoint t) { return zone->utc_offset(t); }};
  const TimePoint now = d_.clock.now();
  const std::string today = kpi::to_string(time.local_date(now));
  std::string from = query_param(req.query, "from"), to = query_param(req.query, "to");
  if (from.empty()) from = today;
  if (to.empty()) to = from;
  const auto first = shifts::parse_date(from), last = shifts::parse_date(to);
  if (!first || !last || *last < *first)
    return respond(
        api_error(400, "bad_request", "from and to must be YYYY-MM-DD, in order", "from"));
  d_.facts.read(shop.config.id(), 1'000'000,
                [agent, from, to, range = kpi::DateRange{*first, *last}, time, now,
                 respond = std::move(respond)](chat::StoreError e, kpi::FactLog log) {
                  if (e != chat::StoreError::None) return respond(store_failure(e));
                  const kpi::KpiSettings settings;
                  const kpi::Timeline timeline = kpi::build_timeline(log, settings, time, now);
                  const kpi::Scope scope =
                      agent.empty() ? kpi::Scope::shop() : kpi::Scope::agent(agent);
                  const kpi::Figures f = kpi::summarize(timeline, settings, scope, range);
                  respond(ok_json(report_of(f, agent.empty() ? "shop" : agent, from, to, now)));
                });
}

}  // namespace kefu::app
