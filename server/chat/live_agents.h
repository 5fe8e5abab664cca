#pragma once
// The agents of each shop as this worker's routing decisions see them: the config's part
// (groups, level, capacity) with the live part Redis keeps in the agent rows (presence, load,
// times; lib/agent_row.lua). Issue 8: a decision used to read every agent's row and copy every
// agent of the config; now each worker keeps both, asks Redis only for the rows written since
// its last read (`since`), and updates the agents they name in place.
// One per worker (not thread-safe). The agents apply() returns stay valid until the next call
// for the same shop: use them within one decision.
#include <map>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "chat/routing_store.h"
#include "chat/shop_directory.h"
#include "routing/agent_snapshot.h"

namespace kefu::chat {

class LiveAgents {
 public:
  // What the shop's next snapshot should ask for: the rows after what this worker has read.
  AgentRowsSince since(const ShopEntry& shop) const;
  // Takes in the rows a snapshot brought, unless what is kept is newer (two decisions' snapshots
  // in flight answer in either order), and returns the shop's agents, in the order of
  // shop.rules.agents.
  std::span<const routing::AgentSnapshot> apply(const ShopEntry& shop, AgentRows rows);

 private:
  struct Kept {
    std::string epoch;
    std::int64_t version = 0;
    // The live part of each agent with a row, by agent id (agents without one are offline).
    std::unordered_map<std::string, routing::AgentSnapshot> live;
    const ShopEntry* entry = nullptr;  // what `agents` was built from
    std::vector<routing::AgentSnapshot> agents;
    std::unordered_map<std::string_view, std::size_t> position;  // agent id → index in agents
  };
  void rebuild(Kept& kept, const ShopEntry& shop);
  std::map<std::string, Kept, std::less<>> by_shop_;
};

}  // namespace kefu::chat
