#include "chat/live_agents.h"

namespace kefu::chat {

namespace {

// The config's agent with the live part of its row.
void set_live(routing::AgentSnapshot& agent, const routing::AgentSnapshot& config,
              const routing::AgentSnapshot& live) {
  agent.presence = live.presence;
  agent.active_conversations = live.active_conversations;
  agent.last_assigned_at = live.last_assigned_at;
  agent.last_heartbeat = live.last_heartbeat;
  agent.last_activity = live.last_activity;
  agent.away_since = live.away_since;
  // A supervisor's runtime capacity (R-ROUTE-7), else the config's again.
  agent.capacity = live.capacity >= 0 ? live.capacity : config.capacity;
}

}  // namespace

AgentRowsSince LiveAgents::since(const ShopEntry& shop) const {
  AgentRowsSince out;
  out.agent_ids = &shop.rules.agent_ids;
  if (auto it = by_shop_.find(shop.config.id()); it != by_shop_.end()) {
    out.epoch = it->second.epoch;
    out.version = it->second.version;
  }
  return out;
}

void LiveAgents::rebuild(Kept& kept, const ShopEntry& shop) {
  kept.entry = &shop;
  kept.agents = shop.rules.agents;
  kept.position.clear();
  for (std::size_t i = 0; i < kept.agents.size(); ++i) {
    routing::AgentSnapshot& agent = kept.agents[i];
    kept.position.emplace(agent.id, i);
    if (auto it = kept.live.find(agent.id); it != kept.live.end())
      set_live(agent, shop.rules.agents[i], it->second);
  }
}

std::span<const routing::AgentSnapshot> LiveAgents::apply(const ShopEntry& shop, AgentRows rows) {
  auto found = by_shop_.find(shop.config.id());
  if (found == by_shop_.end()) found = by_shop_.emplace(shop.config.id(), Kept{}).first;
  Kept& kept = found->second;
  // No epoch yet (rows written before versions were): every reply is a full one, taken.
  const bool same_epoch = !rows.epoch.empty() && rows.epoch == kept.epoch;
  // Within one epoch versions only grow, and a reply of a later version holds every row as of
  // then; an older one is ignored. Another epoch's reply is always a full one: Redis started
  // its counter over, so what is kept means nothing.
  const bool newer = !same_epoch || rows.version > kept.version;
  if (rows.full && (newer || kept.entry == nullptr)) {
    kept.live.clear();
    for (auto& row : rows.changed) {
      std::string id = row.id;
      kept.live.insert_or_assign(std::move(id), std::move(row));
    }
    kept.epoch = std::move(rows.epoch);
    kept.version = rows.version;
    rebuild(kept, shop);
    return kept.agents;
  }
  if (kept.entry != &shop) rebuild(kept, shop);  // the shop's settings changed
  if (!rows.full && same_epoch && newer) {
    for (auto& row : rows.changed) {
      if (auto at = kept.position.find(row.id); at != kept.position.end())
        set_live(kept.agents[at->second], shop.rules.agents[at->second], row);
      std::string id = row.id;
      kept.live.insert_or_assign(std::move(id), std::move(row));
    }
    kept.version = rows.version;
  }
  return kept.agents;
}

}  // namespace kefu::chat
