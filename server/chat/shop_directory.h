#pragma once
// The shops and agent accounts from the configuration, looked up by id and login.
// Built once at start and then only read, so every worker thread may share it.
#include <map>
#include <string>
#include <vector>

#include "chat/shop_kpi_rules.h"
#include "chat/shop_rules.h"
#include "kefu/v1/config.pb.h"

namespace kefu::chat {

struct ShopEntry {
  v1::Shop config;
  std::map<std::string, const v1::AgentAccount*, std::less<>> agents_by_id;
  std::map<std::string, const v1::AgentAccount*, std::less<>> agents_by_login;
  ShopRules rules;   // routing policy and schedule (R-ROUTE-*, R-SHIFT-*)
  ShopKpiRules kpi;  // figures and scorecards (R-KPI-*, R-SCORE-*)
};

class ShopDirectory {
 public:
  // Fills defaults (capacity 8, default group "presale", time zone Asia/Shanghai) and
  // checks the shops; returns the problems found (empty = fine).
  std::vector<std::string> load(const v1::ServerConfig& config);

  const ShopEntry* shop(std::string_view shop_id) const;
  const v1::AgentAccount* agent(std::string_view shop_id, std::string_view agent_id) const;
  // The shops where this login exists (an agent may serve several shops, R-ROLE-5).
  std::vector<const ShopEntry*> shops_with_login(std::string_view login) const;
  std::vector<std::string> shop_ids() const;
  std::uint32_t capacity_of(const ShopEntry& shop, const v1::AgentAccount& agent) const;

 private:
  std::map<std::string, ShopEntry, std::less<>> shops_;
};

// R-ROUTE-7, R-ROLE-3: the agent's concurrent-conversation limit.
std::uint32_t agent_capacity(const ShopEntry& shop, const v1::AgentAccount& agent);

}  // namespace kefu::chat
