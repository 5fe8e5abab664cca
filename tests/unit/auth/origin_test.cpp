// The Origin check of WebSocket upgrades (issue 10).
#include <gtest/gtest.h>

#include "auth/origin.h"

namespace kefu::auth {
namespace {

const std::vector<std::string> kAllowed = {"https://console.shop.example",
                                           "http://localhost:5173/"};

TEST(AuthOrigin, WithoutAnOriginItIsNotABrowser) {
  EXPECT_TRUE(origin_allowed("", "kefu:8080", {}));
}

TEST(AuthOrigin, KefusOwnPagesMayConnect) {
  EXPECT_TRUE(origin_allowed("http://kefu.example:8080", "kefu.example:8080", {}));
  EXPECT_TRUE(origin_allowed("HTTPS://Kefu.Example", "kefu.example", {}));
  EXPECT_FALSE(origin_allowed("http://kefu.example:9090", "kefu.example:8080", {}));
  EXPECT_FALSE(origin_allowed("ftp://kefu.example:8080", "kefu.example:8080", {}));
}

TEST(AuthOrigin, ConfiguredOriginsMayConnect) {
  EXPECT_TRUE(origin_allowed("https://console.shop.example", "kefu:8080", kAllowed));
  EXPECT_TRUE(origin_allowed("http://LOCALHOST:5173", "kefu:8080", kAllowed));
  EXPECT_FALSE(origin_allowed("https://console.shop.example.evil.test", "kefu:8080", kAllowed));
  EXPECT_FALSE(origin_allowed("http://console.shop.example", "kefu:8080", kAllowed));
  EXPECT_TRUE(origin_allowed("https://anything.test", "kefu:8080", {"*"}));
}

TEST(AuthOrigin, OtherSitesAndOpaqueOriginsMayNot) {
  EXPECT_FALSE(origin_allowed("https://evil.test", "kefu:8080", kAllowed));
  EXPECT_FALSE(origin_allowed("null", "kefu:8080", kAllowed));
  EXPECT_FALSE(origin_allowed("https://evil.test", "", {}));
}

}  // namespace
}  // namespace kefu::auth
