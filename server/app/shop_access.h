#pragma once
// The shop-scoped HTTP API's common ground: reading /api/shops/{shop}/... paths and query
// parameters, and who is asking (an agent's or supervisor's session token, Bearer).
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "chat/chat_store.h"
#include "chat/shop_directory.h"
#include "net/http_types.h"

namespace kefu::app {

std::vector<std::string> split_path(std::string_view path);
// The value of `name` in a query string ("" when absent); values are not percent-decoded, so
// they are plain ids, dates and numbers.
std::string query_param(const std::string& query, std::string_view name);
// 503 for a storage outage (retry), 500 otherwise.
net::HttpResponse store_failure(chat::StoreError e);
// A known route asked of an unknown shop (404) or with the wrong method (405): answered here.
bool refused(const chat::ShopEntry* shop, const net::HttpRequest& req, const std::string& method,
             net::Respond& respond);

class ShopAccess {
 public:
  using Then = std::function<void(const v1::AgentAccount&, net::Respond)>;
  ShopAccess(chat::ChatStore& store, const chat::ShopDirectory& shops)
      : store_{store}, shops_{shops} {}

  // Checks the bearer token of any account of the shop, then runs `then` with it.
  void as_member(const net::HttpRequest& req, const chat::ShopEntry& shop, net::Respond respond,
                 Then then);
  // The same, for supervisors of the shop only (403 for agents).
  void as_supervisor(const net::HttpRequest& req, const chat::ShopEntry& shop, net::Respond respond,
                     Then then);

 private:
  chat::ChatStore& store_;
  const chat::ShopDirectory& shops_;
};

}  // namespace kefu::app
