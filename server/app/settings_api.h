#pragma once
// The shop's settings page (issue 7), supervisors of the shop only:
//   GET /api/shops/{shop}/settings           what may be changed, as it stands (ShopSettings)
//   PUT /api/shops/{shop}/settings           the whole ShopSettings at the version it was read:
//                                            400 naming the first bad field (nothing applied),
//                                            409 version_conflict, else the new settings, in
//                                            force on every worker of every node
//   GET /api/shops/{shop}/settings/changes?limit=50   the change log, newest first
#include <string>

#include "app/shop_access.h"
#include "chat/settings_store.h"
#include "chat/shop_directory.h"
#include "core/clock.h"
#include "net/http_types.h"

namespace kefu::app {

struct SettingsApiDeps {
  ShopAccess& access;
  chat::SettingsStore& settings;
  const chat::ShopDirectory& shops;
  const Clock& clock;
};

class SettingsApi {
 public:
  explicit SettingsApi(SettingsApiDeps deps) : d_{deps} {}
  // Answers the routes above; false leaves the request to others.
  bool handle(const net::HttpRequest& req, net::Respond& respond);

 private:
  void get(const std::string& shop_id, net::Respond respond);
  void put(const net::HttpRequest& req, const std::string& shop_id, const v1::AgentAccount& me,
           net::Respond respond);
  void changes(const net::HttpRequest& req, const std::string& shop_id, net::Respond respond);

  SettingsApiDeps d_;
};

}  // namespace kefu::app
