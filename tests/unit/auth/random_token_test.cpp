#include "auth/random_token.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace kefu::auth {
namespace {

bool is_lower_hex(const std::string& s) {
  return s.find_first_not_of("0123456789abcdef") == std::string::npos;
}

TEST(AuthRandomToken, DefaultIs32BytesOfLowercaseHex) {
  const std::string token = random_token();
  EXPECT_EQ(token.size(), 64u);
  EXPECT_TRUE(is_lower_hex(token)) << token;
}

TEST(AuthRandomToken, LengthFollowsByteCount) {
  EXPECT_EQ(random_token(0), "");
  EXPECT_EQ(random_token(1).size(), 2u);
  EXPECT_EQ(random_token(6).size(), 12u);
  EXPECT_EQ(random_token(1000).size(), 2000u);
}

TEST(AuthRandomToken, TokensDiffer) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) seen.insert(random_token(16));
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(AuthRandomToken, UsesEveryHexDigit) {
  // 4096 random hex digits all from a subset of 15 would happen with probability ~16*(15/16)^4096.
  const std::string token = random_token(2048);
  for (char c : std::string("0123456789abcdef")) EXPECT_NE(token.find(c), std::string::npos) << c;
}

}  // namespace
}  // namespace kefu::auth
