// The shop directory refuses configurations that would be unsafe or ambiguous at start,
// and fills the defaults the rest of the server relies on.
#include "chat/shop_directory.h"

#include <gtest/gtest.h>

#include "auth/password.h"
#include "problems.h"

namespace kefu::chat {
namespace {

using test_support::mentions;

const std::string& a_hash() {
  static const std::string hash = auth::hash_password("correct horse battery");
  return hash;
}

v1::Shop* add_shop(v1::ServerConfig& config, const std::string& id) {
  v1::Shop* shop = config.add_shops();
  shop->set_id(id);
  shop->set_buyer_token_secret("0123456789abcdef0123");
  return shop;
}

v1::AgentAccount* add_agent(v1::Shop* shop, const std::string& id, const std::string& login) {
  v1::AgentAccount* agent = shop->add_agents();
  agent->set_id(id);
  agent->set_login(login);
  agent->set_password_hash(a_hash());
  return agent;
}

TEST(ChatShopDirectory, FillsDefaults) {
  v1::ServerConfig config;
  auto* shop = add_shop(config, "shop1");
  add_agent(shop, "a1", "");
  add_agent(shop, "a2", "alice")->set_capacity(3);
  add_agent(shop, "a3", "")->set_level("trainee");  // R-ROUTE-7: the level's number
  ShopDirectory dir;
  ASSERT_TRUE(dir.load(config).empty());
  const ShopEntry* entry = dir.shop("shop1");
  ASSERT_NE(entry, nullptr);
  EXPECT_EQ(entry->config.time_zone(), "Asia/Shanghai");
  ASSERT_EQ(entry->config.groups_size(), 2);  // R-ROLE-2: 售前 and 售后
  EXPECT_EQ(dir.capacity_of(*entry, *dir.agent("shop1", "a1")), 8u);
  EXPECT_EQ(dir.capacity_of(*entry, *dir.agent("shop1", "a2")), 3u);
  EXPECT_EQ(dir.capacity_of(*entry, *dir.agent("shop1", "a3")), 4u);
  // Without a login an agent signs in with their id.
  EXPECT_EQ(dir.shops_with_login("a1").size(), 1u);
  EXPECT_EQ(dir.shops_with_login("alice").size(), 1u);
  EXPECT_EQ(dir.agent("shop1", "nobody"), nullptr);
  EXPECT_EQ(dir.shop("shop2"), nullptr);
}

TEST(ChatShopDirectory, RefusesIdsThatCouldEscapeTheHashTag) {
  v1::ServerConfig config;
  add_shop(config, "shop}1");
  add_agent(add_shop(config, "ok"), "a{1", "x");
  ShopDirectory dir;
  auto problems = dir.load(config);
  EXPECT_TRUE(mentions(problems, "shop id 'shop}1'"));
  EXPECT_TRUE(mentions(problems, "agent id 'a{1'"));
}

TEST(ChatShopDirectory, RefusesShortSecrets) {
  v1::ServerConfig config;
  add_shop(config, "s1")->set_buyer_token_secret("short");
  add_shop(config, "s2")->set_webhook_secret("short");
  ShopDirectory dir;
  auto problems = dir.load(config);
  EXPECT_TRUE(mentions(problems, "'s1': buyer_token_secret"));
  EXPECT_TRUE(mentions(problems, "'s2': webhook_secret"));
}

TEST(ChatShopDirectory, RefusesDuplicatesAndPlainPasswords) {
  v1::ServerConfig config;
  auto* shop = add_shop(config, "shop1");
  add_agent(shop, "a1", "");
  add_agent(shop, "a2", "a1");  // a1's implicit login
  add_agent(shop, "a3", "carol")->set_password_hash("hunter2");
  add_shop(config, "shop1");
  ShopDirectory dir;
  auto problems = dir.load(config);
  EXPECT_TRUE(mentions(problems, "agent 'a2' or its login is duplicated"));
  EXPECT_TRUE(mentions(problems, "agent 'a3' needs a password_hash"));
  EXPECT_TRUE(mentions(problems, "shop 'shop1' is configured twice"));
}

}  // namespace
}  // namespace kefu::chat
