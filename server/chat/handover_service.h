#pragma once
// R-SHIFT-5: handover notes (交接本). The leaving agent writes open questions and pending
// follow-ups for the shift being handed over; the next shift of the group and supervisors
// read them. Stored in a per-shop Redis stream; who may read what is decided by
// shifts/handover.h.
#include <functional>
#include <string>

#include "chat/chat_store.h"
#include "chat/routing_store.h"
#include "chat/shop_directory.h"
#include "kefu/v1/frames.pb.h"

namespace kefu::chat {

struct HandoverResult {
  StoreError error = StoreError::None;
  std::string problem;  // why the note was refused (not on or after a shift, no items, ...)
  v1::HandoverList list;
};

class HandoverService {
 public:
  HandoverService(redis::Client& redis, RoutingStore& routing, const Clock& clock);

  void write(const ShopEntry& shop, const v1::AgentAccount& author, const v1::WriteHandover& req,
             std::function<void(HandoverResult)> done);
  void list(const ShopEntry& shop, const v1::AgentAccount& reader, int limit,
            std::function<void(HandoverResult)> done);
  // The agent's shift now, or else their next one (the rota with a supervisor's changes), for
  // the console's header; shift_id "" when there is none.
  void shift_of(const ShopEntry& shop, const std::string& agent_id,
                std::function<void(StoreError, v1::ShiftInfo)> done);

 private:
  redis::Client& redis_;
  RoutingStore& routing_;
  const Clock& clock_;
};

}  // namespace kefu::chat
