#pragma once
// The shops and agent accounts from the configuration, looked up by id and login.
// The set of shops is fixed at start; a shop's entry can be replaced at runtime when its
// supervisors change its settings (issue 7). Entries are immutable once published and every
// version stays alive until the server stops (changes are rare), so a `const ShopEntry*` or
// `const v1::AgentAccount*` held by any worker thread never dangles and never changes under it.
#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
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
  ShopRules rules;  // routing policy and schedule (R-ROUTE-*, R-SHIFT-*)
  // Each agent's capacity from `rules` (R-ROUTE-7, R-ROLE-3), worked out once: the routing tick
  // asks it of every on-shift agent, which scanning `rules.agents` made quadratic (issue 8).
  std::map<std::string, std::uint32_t, std::less<>> capacity_by_id;
  ShopKpiRules kpi;  // figures and scorecards (R-KPI-*, R-SCORE-*)
  // The supervisors' settings version this entry was built with (0 = the config file's).
  std::int64_t settings_version = 0;

  ShopEntry() = default;
  ShopEntry(const ShopEntry&) = delete;  // agents_by_* point into config
  ShopEntry& operator=(const ShopEntry&) = delete;
};

// Fills a shop's defaults (capacity 8, default group "presale", time zone Asia/Shanghai, the
// two default groups) in place.
void fill_shop_defaults(v1::Shop& shop);
// Builds the entry of one shop (defaults filled); appends what is wrong to `problems`. `zone`:
// the shop's time zone when already loaded (see build_shop_rules).
std::unique_ptr<ShopEntry> build_shop_entry(const v1::Shop& shop,
                                            std::vector<std::string>& problems,
                                            std::shared_ptr<const shifts::TimeZone> zone = nullptr);
// Ids that go inside Redis keys: 1-64 of [A-Za-z0-9._-].
bool valid_id(const std::string& id);

class ShopDirectory {
 public:
  ShopDirectory() = default;
  ShopDirectory(const ShopDirectory&) = delete;
  ShopDirectory& operator=(const ShopDirectory&) = delete;

  // Fills defaults and checks the shops; returns the problems found (empty = fine).
  std::vector<std::string> load(const v1::ServerConfig& config);

  // The shop's current entry.
  const ShopEntry* shop(std::string_view shop_id) const;
  const v1::AgentAccount* agent(std::string_view shop_id, std::string_view agent_id) const;
  // The shops where this login exists (an agent may serve several shops, R-ROLE-5).
  std::vector<const ShopEntry*> shops_with_login(std::string_view login) const;
  std::vector<std::string> shop_ids() const;
  std::uint32_t capacity_of(const ShopEntry& shop, const v1::AgentAccount& agent) const;

  // The shop as the configuration file gives it (defaults filled): what settings overlay.
  const v1::Shop* file_config(std::string_view shop_id) const;
  // Makes `entry` the shop's current one if its settings_version is newer than the current
  // one's; false (and nothing changed) otherwise. Safe from any thread.
  bool publish(std::string_view shop_id, std::unique_ptr<ShopEntry> entry);

 private:
  struct Slot {
    v1::Shop file_config;
    std::atomic<const ShopEntry*> current{nullptr};
    std::mutex mutex;                                  // guards versions and publishing
    std::vector<std::unique_ptr<ShopEntry>> versions;  // every entry ever current
  };
  std::map<std::string, std::unique_ptr<Slot>, std::less<>> shops_;
};

// R-ROUTE-7, R-ROLE-3: the agent's concurrent-conversation limit.
std::uint32_t agent_capacity(const ShopEntry& shop, const v1::AgentAccount& agent);

}  // namespace kefu::chat
