#include "app/settings_api.h"

#include <spdlog/spdlog.h>

#include <cstdlib>

#include "app/json_body.h"
#include "chat/settings_changes.h"
#include "chat/settings_check.h"
#include "chat/shop_settings.h"

namespace kefu::app {

namespace {
constexpr int kDefaultChanges = 50;
}  // namespace

bool SettingsApi::handle(const net::HttpRequest& req, net::Respond& respond) {
  const auto parts = split_path(req.path);
  // api shops {shop} settings [changes]
  if (parts.size() < 4 || parts.size() > 5 || parts[0] != "api" || parts[1] != "shops" ||
      parts[3] != "settings")
    return false;
  const bool log = parts.size() == 5;
  if (log && parts[4] != "changes") return false;
  const chat::ShopEntry* shop = d_.shops.shop(parts[2]);
  const std::string method = log || req.method != "PUT" ? "GET" : "PUT";
  if (refused(shop, req, method, respond)) return true;
  const std::string shop_id = shop->config.id();
  d_.access.as_supervisor(
      req, *shop, std::move(respond),
      [this, req, shop_id, log](const v1::AgentAccount& me, net::Respond respond) {
        if (log) return changes(req, shop_id, std::move(respond));
        if (req.method == "PUT") return put(req, shop_id, me, std::move(respond));
        get(shop_id, std::move(respond));
      });
  return true;
}

void SettingsApi::get(const std::string& shop_id, net::Respond respond) {
  // Redis is the source of truth: a node that missed a bus event catches up here.
  d_.settings.read(shop_id, [this, shop_id, respond = std::move(respond)](
                                chat::StoreError e, std::optional<v1::ShopSettings> stored) {
    if (e != chat::StoreError::None) return respond(store_failure(e));
    if (stored) d_.settings.apply(shop_id, *stored);
    respond(ok_json(chat::settings_of(*d_.shops.shop(shop_id))));
  });
}

void SettingsApi::put(const net::HttpRequest& req, const std::string& shop_id,
                      const v1::AgentAccount& me, net::Respond respond) {
  v1::ShopSettings wanted;
  net::HttpResponse error;
  if (!parse_body(req, wanted, error)) return respond(std::move(error));
  const v1::Shop& file_shop = *d_.shops.file_config(shop_id);
  if (auto problem = chat::check_settings(file_shop, wanted))
    return respond(api_error(400, "bad_request", problem->message, problem->field));
  d_.settings.read(shop_id, [this, shop_id, wanted, &me, &file_shop, respond = std::move(respond)](
                                chat::StoreError e, std::optional<v1::ShopSettings> stored) {
    if (e != chat::StoreError::None) return respond(store_failure(e));
    const std::int64_t version = stored ? stored->version() : 0;
    if (wanted.version() != version)
      return respond(api_error(409, "version_conflict",
                               "the settings changed since they were read (now version " +
                                   std::to_string(version) + "): read them again and redo",
                               "version"));
    // Both sides as complete settings (defaults spelled out), so the log names real changes.
    std::vector<std::string> problems;
    const auto zone = d_.shops.shop(shop_id)->rules.schedule.zone;  // no file read here
    auto before_entry = stored ? chat::entry_with_settings(file_shop, *stored, problems, zone)
                               : chat::build_shop_entry(file_shop, problems, zone);
    v1::ShopSettings next = wanted;
    next.set_version(version + 1);
    auto after_entry = chat::entry_with_settings(file_shop, next, problems, zone);
    if (!problems.empty())  // what check_settings let through but the loader refuses
      return respond(api_error(400, "bad_request", problems.front()));
    const v1::ShopSettings before = chat::settings_of(*before_entry);
    const v1::ShopSettings after = chat::settings_of(*after_entry);
    v1::ConfigChange change;
    for (auto& line : chat::describe_changes(before, after)) change.add_changes(std::move(line));
    if (change.changes().empty()) return respond(ok_json(before));  // nothing to record
    change.set_version(after.version());
    change.set_at_ms(d_.clock.now_ms());
    change.set_by_agent_id(me.id());
    change.set_by_name(me.display_name());
    d_.settings.save(shop_id, before, after, change,
                     [shop_id, after, change, respond = std::move(respond)](chat::StoreError e) {
                       if (e == chat::StoreError::Conflict)
                         return respond(api_error(409, "version_conflict",
                                                  "the settings changed meanwhile: read them "
                                                  "again and redo",
                                                  "version"));
                       if (e != chat::StoreError::None) return respond(store_failure(e));
                       spdlog::info("settings of shop {}: version {} by {}: {}", shop_id,
                                    after.version(), change.by_agent_id(),
                                    fmt::join(change.changes(), "; "));
                       respond(ok_json(after));
                     });
  });
}

void SettingsApi::changes(const net::HttpRequest& req, const std::string& shop_id,
                          net::Respond respond) {
  const std::string text = query_param(req.query, "limit");
  int limit = text.empty() ? kDefaultChanges : std::atoi(text.c_str());
  if (limit < 1 || limit > chat::kKeptSettingsChanges)
    return respond(api_error(400, "bad_request", "limit must be 1..1000", "limit"));
  d_.settings.changes(shop_id, limit,
                      [respond = std::move(respond)](chat::StoreError e, v1::ConfigChangeList l) {
                        if (e != chat::StoreError::None) return respond(store_failure(e));
                        respond(ok_json(l));
                      });
}

}  // namespace kefu::app
