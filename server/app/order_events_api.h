#pragma once
// POST /api/shops/{shop}/order-events (R-ORDER-1): shop platforms push order events, signed
// like the webhooks they know. Checked whole before anything is stored; answered 200 only
// after Redis stored them. A changed order is pushed to the agent who has the buyer's chat
// open, and a waiting buyer moves to the group of the new state (R-ROUTE-1).
#include "chat/chat_store.h"
#include "chat/conversation_router.h"
#include "chat/shop_directory.h"
#include "core/clock.h"
#include "net/http_types.h"
#include "orders/order_store.h"

namespace kefu::app {

struct OrderEventsApiDeps {
  orders::OrderStore& orders;
  chat::ChatStore& chat;
  chat::ConversationRouter& router;
  const chat::ShopDirectory& shops;
  const Clock& clock;
};

class OrderEventsApi {
 public:
  explicit OrderEventsApi(OrderEventsApiDeps deps) : d_{deps} {}
  // Answers POST /api/shops/{shop}/order-events; false leaves other paths to others.
  bool handle(const net::HttpRequest& req, net::Respond& respond);

  // How far X-Kefu-Timestamp may be from the server's time (replay protection).
  static constexpr std::chrono::seconds kReplayWindow{300};

 private:
  void accept(const chat::ShopEntry& shop, const net::HttpRequest& req, net::Respond respond);

  OrderEventsApiDeps d_;
};

}  // namespace kefu::app
