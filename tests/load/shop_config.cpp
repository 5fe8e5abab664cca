#include "shop_config.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include <google/protobuf/util/json_util.h>

#include "kefu/v1/config.pb.h"

namespace kefu::load {

ShopInfo read_shop_info(const std::string& path, const std::string& shop_id) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::stringstream text;
  text << in.rdbuf();
  v1::ServerConfig config;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = true;
  auto status = google::protobuf::util::JsonStringToMessage(text.str(), &config, options);
  if (!status.ok()) throw std::runtime_error(path + ": " + status.ToString());
  for (const auto& shop : config.shops()) {
    if (!shop_id.empty() && shop.id() != shop_id) continue;
    ShopInfo info;
    info.shop_id = shop.id();
    info.buyer_token_secret = shop.buyer_token_secret();
    for (const auto& agent : shop.agents()) info.agent_logins.push_back(agent.login());
    return info;
  }
  throw std::runtime_error(path + ": no shop " +
                           (shop_id.empty() ? "at all" : "'" + shop_id + "'"));
}

}  // namespace kefu::load
