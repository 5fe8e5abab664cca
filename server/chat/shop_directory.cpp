#include "chat/shop_directory.h"

#include "auth/password.h"
#include "routing/capacity.h"

namespace kefu::chat {

namespace {
constexpr std::uint32_t kDefaultCapacity = 8;  // R-ROUTE-7: the seeds give no number
}  // namespace

bool valid_id(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

void fill_shop_defaults(v1::Shop& s) {
  if (s.default_capacity() == 0) s.set_default_capacity(kDefaultCapacity);
  if (s.default_group().empty()) s.set_default_group("presale");
  if (s.time_zone().empty()) s.set_time_zone("Asia/Shanghai");
  if (s.groups().empty()) {
    auto* pre = s.add_groups();
    pre->set_id("presale");
    pre->set_display_name("售前");
    auto* after = s.add_groups();
    after->set_id("aftersale");
    after->set_display_name("售后");
  }
}

std::unique_ptr<ShopEntry> build_shop_entry(const v1::Shop& shop_config,
                                            std::vector<std::string>& problems,
                                            std::shared_ptr<const shifts::TimeZone> zone) {
  auto entry = std::make_unique<ShopEntry>();
  entry->config = shop_config;
  v1::Shop& s = entry->config;
  const std::string& id = s.id();
  fill_shop_defaults(s);
  if (s.buyer_token_secret().size() < 16)
    problems.push_back("shop '" + id + "': buyer_token_secret must be at least 16 characters");
  // Optional until the shop's platform pushes order events; a short key is guessable.
  if (!s.webhook_secret().empty() && s.webhook_secret().size() < 16)
    problems.push_back("shop '" + id + "': webhook_secret must be at least 16 characters");
  for (const auto& agent : s.agents()) {
    if (!valid_id(agent.id())) {
      problems.push_back("shop '" + id + "': agent id '" + agent.id() +
                         "' must be 1-64 of [A-Za-z0-9._-]");
      continue;
    }
    if (!auth::looks_like_password_hash(agent.password_hash()))
      problems.push_back("shop '" + id + "': agent '" + agent.id() +
                         "' needs a password_hash made by kefu-server --hash-password");
    // An agent without a login signs in with their id.
    const std::string& login = agent.login().empty() ? agent.id() : agent.login();
    if (entry->agents_by_id.contains(agent.id()) || entry->agents_by_login.contains(login))
      problems.push_back("shop '" + id + "': agent '" + agent.id() +
                         "' or its login is duplicated");
    entry->agents_by_id[agent.id()] = &agent;
    entry->agents_by_login[login] = &agent;
  }
  entry->rules = build_shop_rules(s, problems, std::move(zone));
  for (const auto& a : entry->rules.agents)
    entry->capacity_by_id.emplace(
        a.id, static_cast<std::uint32_t>(routing::capacity_of(a, entry->rules.policy.capacity)));
  entry->kpi = build_shop_kpi_rules(s, problems);
  return entry;
}

std::vector<std::string> ShopDirectory::load(const v1::ServerConfig& config) {
  std::vector<std::string> problems;
  shops_.clear();
  for (const auto& shop_config : config.shops()) {
    const std::string& id = shop_config.id();
    // Shop ids go inside Redis hash tags and keys: keep them to a safe alphabet.
    if (!valid_id(id)) {
      problems.push_back("shop id '" + id + "' must be 1-64 of [A-Za-z0-9._-]");
      continue;
    }
    if (shops_.contains(id)) {
      problems.push_back("shop '" + id + "' is configured twice");
      continue;
    }
    auto slot = std::make_unique<Slot>();
    slot->file_config = shop_config;
    fill_shop_defaults(slot->file_config);
    slot->versions.push_back(build_shop_entry(shop_config, problems));
    slot->current.store(slot->versions.back().get(), std::memory_order_release);
    shops_.emplace(id, std::move(slot));
  }
  return problems;
}

const ShopEntry* ShopDirectory::shop(std::string_view shop_id) const {
  auto it = shops_.find(shop_id);
  return it == shops_.end() ? nullptr : it->second->current.load(std::memory_order_acquire);
}

const v1::Shop* ShopDirectory::file_config(std::string_view shop_id) const {
  auto it = shops_.find(shop_id);
  return it == shops_.end() ? nullptr : &it->second->file_config;
}

bool ShopDirectory::publish(std::string_view shop_id, std::unique_ptr<ShopEntry> entry) {
  auto it = shops_.find(shop_id);
  if (it == shops_.end() || !entry) return false;
  Slot& slot = *it->second;
  std::lock_guard lock{slot.mutex};
  if (entry->settings_version <= slot.current.load(std::memory_order_relaxed)->settings_version)
    return false;
  slot.versions.push_back(std::move(entry));
  slot.current.store(slot.versions.back().get(), std::memory_order_release);
  return true;
}

const v1::AgentAccount* ShopDirectory::agent(std::string_view shop_id,
                                             std::string_view agent_id) const {
  const ShopEntry* s = shop(shop_id);
  if (!s) return nullptr;
  auto it = s->agents_by_id.find(agent_id);
  return it == s->agents_by_id.end() ? nullptr : it->second;
}

std::vector<const ShopEntry*> ShopDirectory::shops_with_login(std::string_view login) const {
  std::vector<const ShopEntry*> out;
  for (const auto& [id, _] : shops_) {
    const ShopEntry* entry = shop(id);
    if (entry->agents_by_login.contains(login)) out.push_back(entry);
  }
  return out;
}

std::vector<std::string> ShopDirectory::shop_ids() const {
  std::vector<std::string> out;
  for (const auto& [id, _] : shops_) out.push_back(id);
  return out;
}

std::uint32_t ShopDirectory::capacity_of(const ShopEntry& shop,
                                         const v1::AgentAccount& agent) const {
  return agent_capacity(shop, agent);
}

std::uint32_t agent_capacity(const ShopEntry& shop, const v1::AgentAccount& agent) {
  // R-ROUTE-7, R-ROLE-3: the agent's own number, else their level's, else the shop's.
  if (auto it = shop.capacity_by_id.find(agent.id()); it != shop.capacity_by_id.end())
    return it->second;
  return agent.capacity() ? agent.capacity() : shop.config.default_capacity();
}

}  // namespace kefu::chat
