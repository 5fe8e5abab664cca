#include "auth/hmac.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <string>

namespace kefu::auth {
namespace {

TEST(AuthHmac, Rfc4231TestCase2) {
  EXPECT_EQ(hmac_sha256_hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(AuthHmac, Rfc4231TestCase1) {
  EXPECT_EQ(hmac_sha256_hex(std::string(20, '\x0b'), "Hi There"),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
}

TEST(AuthHmac, Rfc4231TestCase6KeyLongerThanABlock) {
  // A key longer than SHA-256's 64-byte block is hashed first: shops choose their own secrets.
  EXPECT_EQ(hmac_sha256_hex(std::string(131, '\xaa'),
                            "Test Using Larger Than Block-Size Key - Hash Key First"),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

TEST(AuthHmac, EmptyKeyAndDataStillHash) {
  // HMAC-SHA256 with an empty key over an empty message (a well-known value).
  EXPECT_EQ(hmac_sha256_hex("", ""),
            "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
}

TEST(AuthHmac, RawAndHexAgree) {
  const std::string raw = hmac_sha256("Jefe", "what do ya want for nothing?");
  ASSERT_EQ(raw.size(), 32u);
  EXPECT_EQ(static_cast<unsigned char>(raw[0]), 0x5b);
  EXPECT_EQ(static_cast<unsigned char>(raw[31]), 0x43);
}

TEST(AuthConstantTimeEqual, Basics) {
  EXPECT_TRUE(constant_time_equal("", ""));
  EXPECT_TRUE(constant_time_equal("abc", "abc"));
  EXPECT_FALSE(constant_time_equal("abc", "abd"));
  EXPECT_FALSE(constant_time_equal("abc", "xbc"));
  EXPECT_FALSE(constant_time_equal("abc", "ab"));
  EXPECT_FALSE(constant_time_equal("", "a"));
  EXPECT_TRUE(constant_time_equal(std::string("a\0b", 3), std::string("a\0b", 3)));
  EXPECT_FALSE(constant_time_equal(std::string("a\0b", 3), std::string("a\0c", 3)));
}

// The signature a platform puts on an order event.
std::string header_for(const std::string& secret, const std::string& ts, const std::string& body) {
  return "sha256=" + hmac_sha256_hex(secret, ts + "." + body);
}

TEST(AuthWebhookSignature, GoodSignatureVerifies) {
  const std::string body = R"({"orderId":"o-1","status":"PAID"})";
  EXPECT_TRUE(verify_webhook_signature("whsec", "1700000000000", body,
                                       header_for("whsec", "1700000000000", body)));
}

TEST(AuthWebhookSignature, UppercaseHexVerifies) {
  std::string header = header_for("whsec", "17", "{}");
  std::transform(header.begin() + 7, header.end(), header.begin() + 7,
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  EXPECT_TRUE(verify_webhook_signature("whsec", "17", "{}", header));
}

TEST(AuthWebhookSignature, MatchesAnIndependentlyComputedValue) {
  // What a platform computes with: printf %s '1700000000.{"a":1}' | openssl dgst -sha256 -hmac key
  EXPECT_TRUE(verify_webhook_signature(
      "key", "1700000000", R"({"a":1})",
      "sha256=a438e398bfafc57e4396bb7fc2304422f0f768e965d073ca313cb52e22e6ad03"));
}

TEST(AuthWebhookSignature, WrongSecretBodyOrTimestampFails) {
  const std::string header = header_for("whsec", "17", "{}");
  EXPECT_FALSE(verify_webhook_signature("whsec2", "17", "{}", header));
  EXPECT_FALSE(verify_webhook_signature("whsec", "18", "{}", header));
  EXPECT_FALSE(verify_webhook_signature("whsec", "17", "{ }", header));
  // The dot separates timestamp and body: moving it must not keep the signature valid.
  EXPECT_FALSE(verify_webhook_signature("whsec", "1", "7.{}", header));
}

TEST(AuthWebhookSignature, FlippedHexDigitFails) {
  std::string header = header_for("whsec", "17", "{}");
  header.back() = header.back() == '0' ? '1' : '0';
  EXPECT_FALSE(verify_webhook_signature("whsec", "17", "{}", header));
}

TEST(AuthWebhookSignature, MissingOrWrongPrefixFails) {
  const std::string header = header_for("whsec", "17", "{}");
  const std::string hex = header.substr(7);
  EXPECT_FALSE(verify_webhook_signature("whsec", "17", "{}", hex));
  EXPECT_FALSE(verify_webhook_signature("whsec", "17", "{}", "SHA256=" + hex));
  EXPECT_FALSE(verify_webhook_signature("whsec", "17", "{}", "sha1=" + hex));
  EXPECT_FALSE(verify_webhook_signature("whsec", "17", "{}", " sha256=" + hex));
  EXPECT_FALSE(verify_webhook_signature("whsec", "17", "{}", "sha256= " + hex));
}

TEST(AuthWebhookSignature, WrongLengthOrNonHexFails) {
  const std::string header = header_for("whsec", "17", "{}");
  EXPECT_FALSE(verify_webhook_signature("whsec", "17", "{}", header.substr(0, header.size() - 1)));
  EXPECT_FALSE(verify_webhook_signature("whsec", "17", "{}", header.substr(0, header.size() - 2)));
  EXPECT_FALSE(verify_webhook_signature("whsec", "17", "{}", header + "0"));
  EXPECT_FALSE(verify_webhook_signature("whsec", "17", "{}", header + "00"));
  EXPECT_FALSE(verify_webhook_signature("whsec", "17", "{}", header + " "));
  EXPECT_FALSE(verify_webhook_signature("whsec", "17", "{}", "sha256="));
  EXPECT_FALSE(verify_webhook_signature("whsec", "17", "{}", ""));
  EXPECT_FALSE(verify_webhook_signature("whsec", "17", "{}", "sha256=" + std::string(64, 'g')));
  EXPECT_FALSE(verify_webhook_signature("whsec", "17", "{}", std::string(100000, 'a')));
}

TEST(AuthWebhookSignature, EmptySecretNeverVerifies) {
  EXPECT_FALSE(verify_webhook_signature("", "17", "{}", header_for("", "17", "{}")));
}

}  // namespace
}  // namespace kefu::auth
