#include <gtest/gtest.h>

#include <string>

#include "auth/base64url.h"
#include "auth/hex.h"

namespace kefu::auth {
namespace {

TEST(AuthHex, RoundTripAndCase) {
  EXPECT_EQ(to_hex(std::string("\x00\x01\xab\xff", 4)), "0001abff");
  EXPECT_EQ(to_hex(""), "");
  EXPECT_EQ(from_hex("0001abff"), std::string("\x00\x01\xab\xff", 4));
  EXPECT_EQ(from_hex("0001ABFF"), std::string("\x00\x01\xab\xff", 4));
  EXPECT_EQ(from_hex(""), std::string{});
}

TEST(AuthHex, RejectsOddLengthAndNonHex) {
  EXPECT_FALSE(from_hex("abc"));
  EXPECT_FALSE(from_hex("zz"));
  EXPECT_FALSE(from_hex("0x"));
  EXPECT_FALSE(from_hex(" 0"));
  EXPECT_FALSE(from_hex(std::string("0\0", 2)));
}

TEST(AuthBase64Url, KnownValues) {
  // RFC 4648 §10 vectors, padding removed.
  EXPECT_EQ(base64url_encode(""), "");
  EXPECT_EQ(base64url_encode("f"), "Zg");
  EXPECT_EQ(base64url_encode("fo"), "Zm8");
  EXPECT_EQ(base64url_encode("foo"), "Zm9v");
  EXPECT_EQ(base64url_encode("foobar"), "Zm9vYmFy");
  // The URL-safe alphabet: '-' and '_' instead of '+' and '/'.
  EXPECT_EQ(base64url_encode("\xfb\xff"), "-_8");
}

TEST(AuthBase64Url, DecodesWhatItEncodes) {
  for (const std::string s : {"", "a", "ab", "abc", "abcd", "店铺-demo", "\xfb\xff\x00"}) {
    const auto back = base64url_decode(base64url_encode(s));
    ASSERT_TRUE(back.has_value()) << s;
    EXPECT_EQ(*back, s);
  }
}

TEST(AuthBase64Url, RejectsNonCanonicalText) {
  EXPECT_FALSE(base64url_decode("Zg=="));  // padding
  EXPECT_FALSE(base64url_decode("Zh"));    // stray low bits: "Zg" is the spelling of "f"
  EXPECT_FALSE(base64url_decode("Z"));     // impossible length
  EXPECT_FALSE(base64url_decode("+/8"));   // standard alphabet
  EXPECT_FALSE(base64url_decode("Zm 9v"));
  EXPECT_FALSE(base64url_decode("Zm9v."));
}

}  // namespace
}  // namespace kefu::auth
