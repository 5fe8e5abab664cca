#pragma once
// The supervisors' HTTP API of one worker (R-ROUTE-10, R-SHIFT-2; DOMAIN.md R-SUP-*):
// runtime changes to an agent's capacity and presence and to the rota, effective at once
// without a restart, and the routing audit of a conversation. Only supervisors of the shop.
#include <optional>
#include <string>
#include <vector>

#include "app/shop_access.h"
#include "chat/chat_store.h"
#include "chat/conversation_router.h"
#include "chat/routing_store.h"
#include "chat/shop_directory.h"
#include "net/http_types.h"
#include "orders/order_service.h"

namespace kefu::app {

struct SupervisorApiDeps {
  ShopAccess& access;
  chat::ChatStore& store;
  const Clock& clock;
  chat::RoutingStore& routing;
  chat::ConversationRouter& router;
  const chat::ShopDirectory& shops;
  orders::OrderService& orders;
};

class SupervisorApi {
 public:
  explicit SupervisorApi(SupervisorApiDeps deps) : d_{deps} {}
  // Answers /api/shops/{shop}/... requests it knows; false leaves the request to others.
  bool handle(const net::HttpRequest& req, net::Respond& respond);

 private:
  void set_capacity(const net::HttpRequest& req, const chat::ShopEntry& shop,
                    const v1::AgentAccount& agent, net::Respond respond);
  void set_presence(const net::HttpRequest& req, const chat::ShopEntry& shop,
                    const v1::AgentAccount& agent, net::Respond respond);
  // Issue 10: disable (sessions end, sockets close, offline) or enable an agent.
  void set_enabled(const net::HttpRequest& req, const chat::ShopEntry& shop,
                   const v1::AgentAccount& agent, net::Respond respond);
  void set_rota(const net::HttpRequest& req, const chat::ShopEntry& shop, const std::string& date,
                const v1::AgentAccount& agent, net::Respond respond);
  // Issue 4: GET buyers/{id}/orders, orders/{id}, notes/{id}/history, follow-ups; false when
  // `rest` is none of these.
  bool orders_route(const net::HttpRequest& req, const chat::ShopEntry* shop,
                    const std::vector<std::string>& rest, net::Respond& respond);
  void audit(const net::HttpRequest& req, const chat::ShopEntry& shop, net::Respond respond);

  SupervisorApiDeps d_;
};

}  // namespace kefu::app
