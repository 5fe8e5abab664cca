#pragma once
// Follow-ups (R-MSG-4) in Redis: kefu:{shop}:followup:{id} (hash), :followups:open (zset by
// due time), :followups:done (zset by when done).
#include <functional>
#include <string>
#include <vector>

#include "chat/chat_store.h"
#include "kefu/v1/orders.pb.h"
#include "redis/client.h"

namespace kefu::orders {

struct FollowUpWrite {
  std::string conversation_id;
  std::string order_id;
  std::string text;
  std::int64_t due_ms = 0;
  std::string who;
  bool supervisor = false;
};

class FollowUpStore {
 public:
  FollowUpStore(redis::Client& redis, const Clock& clock) : redis_{redis}, clock_{clock} {}

  void set(const std::string& shop_id, const FollowUpWrite& write,
           std::function<void(chat::StoreError, std::string id)> done);
  void complete(const std::string& shop_id, const std::string& id, const std::string& who,
                bool supervisor, std::function<void(chat::StoreError)> done);
  // Open ones soonest due first, then (done_since_ms > 0) those done since; one agent's or,
  // with agent_id "", everyone's. `overdue` is set as of now.
  void list(const std::string& shop_id, const std::string& agent_id, std::int64_t done_since_ms,
            std::function<void(chat::StoreError, std::vector<v1::FollowUp>)> done);

 private:
  redis::Client& redis_;
  const Clock& clock_;
};

}  // namespace kefu::orders
