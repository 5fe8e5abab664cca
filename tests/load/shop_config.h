#pragma once
// What kefu-load takes from the server's config file: the shop's id, the secret its buyer
// tokens are signed with, and its agents' logins.
#include <string>
#include <vector>

namespace kefu::load {

struct ShopInfo {
  std::string shop_id;
  std::string buyer_token_secret;
  std::vector<std::string> agent_logins;  // in the config's order
};

// Reads kefu.v1.ServerConfig (JSON mapping) from `path` and picks `shop_id` (or, when empty,
// the first shop). Throws std::runtime_error when it cannot.
ShopInfo read_shop_info(const std::string& path, const std::string& shop_id);

}  // namespace kefu::load
