#pragma once
// Orders in Redis (keys::order, keys::buyer_orders): applying checked platform events in one
// Lua step, and reading a buyer's orders newest first.
#include <functional>
#include <string>
#include <vector>

#include "chat/chat_store.h"
#include "kefu/v1/orders.pb.h"
#include "orders/order_event.h"
#include "redis/client.h"

namespace kefu::orders {

// An order whose state an applied event changed, and who has its buyer's chat open.
struct ChangedOrder {
  std::string order_id;
  std::string buyer_id;
  std::string agent_id;         // "" when no agent has the buyer's conversation
  std::string conversation_id;  // the buyer's latest conversation, if any
};

struct ApplyResult {
  chat::StoreError error = chat::StoreError::None;
  int stored = 0;
  int duplicates = 0;
  std::vector<ChangedOrder> changed;
};

// Who serves a buyer now.
struct Serving {
  std::string buyer_id;
  std::string conversation_id;  // the buyer's current conversation ("" if none)
  std::string agent_id;         // its agent while assigned ("" otherwise)
};

// What names the buyer in a request.
enum class BuyerBy { Buyer, Conversation, Order };

class OrderStore {
 public:
  OrderStore(redis::Client& redis, const Clock& clock) : redis_{redis}, clock_{clock} {}

  void apply(const std::string& shop_id, const std::vector<CheckedEvent>& events,
             std::function<void(ApplyResult)> done);
  // The buyer's orders, newest first (at most `limit`).
  void buyer_orders(const std::string& shop_id, const std::string& buyer_id, std::size_t limit,
                    std::function<void(chat::StoreError, std::vector<v1::Order>)> done);
  void order(const std::string& shop_id, const std::string& order_id,
             std::function<void(chat::StoreError, std::optional<v1::Order>)> done);
  // NotFound when a named conversation or order does not exist.
  void serving(const std::string& shop_id, BuyerBy by, const std::string& id,
               std::function<void(chat::StoreError, Serving)> done);

 private:
  redis::Client& redis_;
  const Clock& clock_;
};

}  // namespace kefu::orders
