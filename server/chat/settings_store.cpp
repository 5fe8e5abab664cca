#include "chat/settings_store.h"

#include <spdlog/spdlog.h>

#include <array>
#include <map>

#include "chat/scripts.h"
#include "chat/shop_settings.h"
#include "chat/store_replies.h"
#include "core/keys.h"
#include "kefu/v1/bus.pb.h"

namespace kefu::chat {

void SettingsStore::read(const std::string& shop_id,
                         std::function<void(StoreError, std::optional<v1::ShopSettings>)> done) {
  const std::string key = keys::shop_settings(shop_id);
  redis_.command({"HGET", key, "body"}, [done = std::move(done)](const redis::Reply& r) {
    if (r.is_error()) return done(error_of(r), std::nullopt);
    if (r.is_nil()) return done(StoreError::None, std::nullopt);
    v1::ShopSettings s;
    if (!s.ParseFromString(r.str)) return done(StoreError::Internal, std::nullopt);
    done(StoreError::None, std::move(s));
  });
}

namespace {

// The agents whose capacity, and the rota entries ("<date>|<agent>") whose shifts, differ.
std::vector<std::string> changed_capacities(const v1::ShopSettings& before,
                                            const v1::ShopSettings& after) {
  std::map<std::string, std::uint32_t> b, a;
  for (const auto& c : before.capacities()) b[c.agent_id()] = c.capacity();
  for (const auto& c : after.capacities()) a[c.agent_id()] = c.capacity();
  std::vector<std::string> out;
  for (const auto& [id, cap] : a)
    if (!b.contains(id) || b[id] != cap) out.push_back(id);
  for (const auto& [id, cap] : b)
    if (!a.contains(id)) out.push_back(id);
  return out;
}

std::vector<std::string> changed_rota(const v1::ShopSettings& before,
                                      const v1::ShopSettings& after) {
  std::map<std::string, std::string> b, a;
  for (const auto& e : before.rota()) b[e.date() + "|" + e.agent_id()] = e.SerializeAsString();
  for (const auto& e : after.rota()) a[e.date() + "|" + e.agent_id()] = e.SerializeAsString();
  std::vector<std::string> out;
  for (const auto& [field, entry] : a)
    if (!b.contains(field) || b[field] != entry) out.push_back(field);
  for (const auto& [field, entry] : b)
    if (!a.contains(field)) out.push_back(field);
  return out;
}

}  // namespace

void SettingsStore::save(const std::string& shop_id, const v1::ShopSettings& before,
                         const v1::ShopSettings& settings, const v1::ConfigChange& change,
                         std::function<void(StoreError)> done) {
  v1::BusEvent event;
  event.set_settings_version(settings.version());
  const std::string k1 = keys::shop_settings(shop_id), k2 = keys::settings_changes(shop_id),
                    k3 = keys::kpi_closed(shop_id), k4 = keys::bus_channel(shop_id),
                    k5 = keys::rota_overrides(shop_id), expected = std::to_string(before.version()),
                    body = settings.SerializeAsString(), entry = change.SerializeAsString(),
                    kept = std::to_string(kKeptSettingsChanges),
                    payload = event.SerializeAsString(), prefix = keys::shop_key(shop_id, "");
  const auto agents = changed_capacities(before, settings);
  const auto rota = changed_rota(before, settings);
  const std::string n = std::to_string(agents.size());
  const std::array<std::string_view, 5> k{k1, k2, k3, k4, k5};
  std::vector<std::string_view> a{expected, body, entry, kept, payload, prefix, n};
  a.insert(a.end(), agents.begin(), agents.end());
  a.insert(a.end(), rota.begin(), rota.end());
  scripts().save_settings.call(
      redis_, k, a, [this, shop_id, settings, done = std::move(done)](const redis::Reply& r) {
        if (r.is_error()) return done(error_of(r));
        apply(shop_id, settings);  // this node at once; the others through the bus
        done(StoreError::None);
      });
}

void SettingsStore::changes(const std::string& shop_id, int limit,
                            std::function<void(StoreError, v1::ConfigChangeList)> done) {
  const std::string key = keys::settings_changes(shop_id), last = std::to_string(limit - 1);
  redis_.command({"LRANGE", key, "0", last}, [done = std::move(done)](const redis::Reply& r) {
    v1::ConfigChangeList out;
    if (r.is_error()) return done(error_of(r), out);
    for (const auto& e : r.elements)
      if (!out.add_changes()->ParseFromString(e.str)) return done(StoreError::Internal, out);
    done(StoreError::None, std::move(out));
  });
}

void SettingsStore::refresh(const std::string& shop_id) {
  read(shop_id, [this, shop_id](StoreError e, std::optional<v1::ShopSettings> settings) {
    if (e != StoreError::None) {
      spdlog::warn("settings of shop {}: cannot read them: {}", shop_id, to_string(e));
      return;
    }
    if (settings) apply(shop_id, *settings);
  });
}

void SettingsStore::apply(const std::string& shop_id, const v1::ShopSettings& settings) {
  const ShopEntry* current = shops_.shop(shop_id);
  const v1::Shop* file_shop = shops_.file_config(shop_id);
  if (!current || !file_shop || settings.version() <= current->settings_version) return;
  std::vector<std::string> problems;
  auto entry = entry_with_settings(*file_shop, settings, problems, current->rules.schedule.zone);
  if (!problems.empty()) {
    spdlog::error("settings of shop {} version {} left aside: {}", shop_id, settings.version(),
                  problems.front());
    return;
  }
  if (shops_.publish(shop_id, std::move(entry)))
    spdlog::info("settings of shop {}: version {} in force", shop_id, settings.version());
}

}  // namespace kefu::chat
