#include "app/supervisor_api.h"

#include <spdlog/spdlog.h>

#include "app/json_body.h"
#include "app/shop_access.h"
#include "core/keys.h"
#include "kefu/v1/api.pb.h"
#include "shifts/local_time.h"

namespace kefu::app {

bool SupervisorApi::handle(const net::HttpRequest& req, net::Respond& respond) {
  const auto parts = split_path(req.path);
  // api shops {shop} ...
  if (parts.size() < 4 || parts[0] != "api" || parts[1] != "shops") return false;
  const chat::ShopEntry* shop = d_.shops.shop(parts[2]);
  const std::vector<std::string> rest(parts.begin() + 3, parts.end());
  // By value: it runs after handle() returned, once the session was checked.
  auto agent_of = [this, shop](const std::string& id) {
    return shop ? d_.shops.agent(shop->config.id(), id) : nullptr;
  };

  if (orders_route(req, shop, rest, respond)) return true;
  // GET audit | PUT agents/{id}/capacity | PUT agents/{id}/presence | PUT rota/{date}/{id}
  const bool audit = rest.size() == 1 && rest[0] == "audit";
  const bool agent_setting =
      rest.size() == 3 && rest[0] == "agents" &&
      (rest[2] == "capacity" || rest[2] == "presence" || rest[2] == "enabled");
  const bool rota = rest.size() == 3 && rest[0] == "rota";
  if (!audit && !agent_setting && !rota) return false;
  if (refused(shop, req, audit ? "GET" : "PUT", respond)) return true;
  d_.access.as_supervisor(req, *shop, std::move(respond),
                          [this, req, shop, rest, audit, agent_setting, agent_of](
                              const v1::AgentAccount&, net::Respond respond) {
                            if (audit) return this->audit(req, *shop, std::move(respond));
                            const v1::AgentAccount* agent =
                                agent_of(agent_setting ? rest[1] : rest[2]);
                            if (!agent)
                              return respond(api_error(404, "not_found", "no such agent"));
                            if (!agent_setting)
                              return set_rota(req, *shop, rest[1], *agent, std::move(respond));
                            if (rest[2] == "capacity")
                              return set_capacity(req, *shop, *agent, std::move(respond));
                            if (rest[2] == "enabled")
                              return set_enabled(req, *shop, *agent, std::move(respond));
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
  d_.access.as_supervisor(
      req, *shop, std::move(respond),
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

void SupervisorApi::set_enabled(const net::HttpRequest& req, const chat::ShopEntry& shop,
                                const v1::AgentAccount& agent, net::Respond respond) {
  v1::SetAgentEnabledRequest body;
  net::HttpResponse error;
  if (!parse_body(req, body, error)) return respond(std::move(error));
  const bool enabled = body.enabled();
  d_.store.set_agent_enabled(
      shop.config.id(), agent.id(), enabled,
      [this, &shop, &agent, enabled, respond = std::move(respond)](chat::StoreError e) {
        if (e != chat::StoreError::None) return respond(store_failure(e));
        spdlog::info("supervisor: agent {} of shop {} {}", agent.id(), shop.config.id(),
                     enabled ? "enabled" : "disabled");
        if (enabled) return respond(ok_json(v1::Done{}));
        // Out of routing at once, and every open socket of theirs in the shop closes.
        d_.router.set_presence(shop, agent, v1::PRESENCE_OFFLINE, [](chat::StoreError) {});
        v1::BusEvent event;
        event.add_recipients(keys::agent_recipient(agent.id()));
        auto* err = event.mutable_frame()->mutable_error();
        err->set_code(v1::ERROR_CODE_UNAUTHENTICATED);
        err->set_text("this account was disabled by a supervisor");
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

}  // namespace kefu::app
