#pragma once
// The WebSocket frames of orders, notes and follow-ups (frames.proto 30..39) for agents and
// supervisors: decoded requests to OrderService, its answers and errors back as frames. A
// note saved on an order is also pushed to the agent serving its buyer, so the order beside
// their chat is never stale.
#include "chat/chat_store.h"
#include "chat/request_handler.h"
#include "orders/order_service.h"

namespace kefu::orders {

class OrderRequests final : public chat::RequestHandler {
 public:
  OrderRequests(OrderService& service, chat::ChatStore& chat) : service_{service}, chat_{chat} {}

  bool serves(v1::ClientFrame::BodyCase body) const override;
  void handle(const chat::Requester& who, const v1::ClientFrame& frame, chat::Reply reply) override;

 private:
  void buyer_order(const chat::Requester& who, const std::string& rid, const std::string& order_id,
                   chat::Reply reply);

  OrderService& service_;
  chat::ChatStore& chat_;
};

}  // namespace kefu::orders
