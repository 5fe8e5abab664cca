#include "auth/buyer_token.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "auth/base64url.h"
#include "auth/hmac.h"

namespace kefu::auth {
namespace {

constexpr std::int64_t kExpiry = 1'700'000'000'000;
const std::string kSecret = "shop-demo-buyer-token-secret";

BuyerClaims demo_claims() { return BuyerClaims{"demo", "buyer-42", kExpiry}; }

std::vector<std::string> split(const std::string& token) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t dot; (dot = token.find('.', start)) != std::string::npos; start = dot + 1)
    parts.push_back(token.substr(start, dot - start));
  parts.push_back(token.substr(start));
  return parts;
}

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ".") + p;
  return out;
}

TokenCheck check(const std::string& token, std::int64_t now_ms = kExpiry - 1,
                 const std::string& shop = "demo", const std::string& secret = kSecret) {
  return verify_buyer_token(token, shop, secret, now_ms, nullptr);
}

TEST(AuthBuyerToken, RoundTrip) {
  const std::string token = sign_buyer_token(demo_claims(), kSecret);
  BuyerClaims out;
  ASSERT_EQ(verify_buyer_token(token, "demo", kSecret, kExpiry - 1, &out), TokenCheck::Ok);
  EXPECT_EQ(out.shop_id, "demo");
  EXPECT_EQ(out.buyer_id, "buyer-42");
  EXPECT_EQ(out.expires_at_ms, kExpiry);
}

TEST(AuthBuyerToken, RoundTripWithChineseIds) {
  const BuyerClaims claims{"演示店铺", "买家·小王", kExpiry};
  BuyerClaims out;
  ASSERT_EQ(verify_buyer_token(sign_buyer_token(claims, kSecret), "演示店铺", kSecret, 0, &out),
            TokenCheck::Ok);
  EXPECT_EQ(out.buyer_id, "买家·小王");
}

TEST(AuthBuyerToken, FormatFollowsTheDocumentedRecipe) {
  const std::string token = sign_buyer_token(demo_claims(), kSecret);
  const auto parts = split(token);
  ASSERT_EQ(parts.size(), 5u);
  EXPECT_EQ(parts[0], "v1");
  EXPECT_EQ(parts[1], "ZGVtbw");  // base64url("demo")
  EXPECT_EQ(parts[2], base64url_encode("buyer-42"));
  EXPECT_EQ(parts[3], "1700000000000");
  EXPECT_EQ(parts[4], hmac_sha256_hex(kSecret, "v1.ZGVtbw." + parts[2] + ".1700000000000"));
}

TEST(AuthBuyerToken, AcceptsATokenMadeByTheRecipeInPython) {
  // Made with the Python lines in buyer_token.h: shop "demo", buyer "buyer~~~?>>" (whose
  // base64url uses '-' and '_'), expiry 1700000000000, secret "s3cret".
  const std::string token =
      "v1.ZGVtbw.YnV5ZXJ-fn4_Pj4.1700000000000."
      "2a3fdba0d707b2688c9f97faf3a50297ca931739d7db73bde2e52e9e97967751";
  BuyerClaims out;
  ASSERT_EQ(verify_buyer_token(token, "demo", "s3cret", 1'600'000'000'000, &out), TokenCheck::Ok);
  EXPECT_EQ(out.buyer_id, "buyer~~~?>>");
  EXPECT_EQ(sign_buyer_token(out, "s3cret"), token);
}

TEST(AuthBuyerToken, UppercaseSignatureIsAccepted) {
  auto parts = split(sign_buyer_token(demo_claims(), kSecret));
  for (char& c : parts[4])
    if (c >= 'a' && c <= 'f') c = static_cast<char>(c - 'a' + 'A');
  EXPECT_EQ(check(join(parts)), TokenCheck::Ok);
}

TEST(AuthBuyerToken, ReadUnverifiedGivesTheClaimsEvenIfForged) {
  const auto claims = read_buyer_token_unverified(sign_buyer_token(demo_claims(), "other"));
  ASSERT_TRUE(claims.has_value());
  EXPECT_EQ(claims->shop_id, "demo");
  EXPECT_EQ(claims->buyer_id, "buyer-42");
  EXPECT_EQ(claims->expires_at_ms, kExpiry);
  EXPECT_FALSE(read_buyer_token_unverified("v1.garbage"));
}

TEST(AuthBuyerToken, TamperedBuyerIdIsABadSignature) {
  auto parts = split(sign_buyer_token(demo_claims(), kSecret));
  parts[2] = base64url_encode("buyer-43");
  EXPECT_EQ(check(join(parts)), TokenCheck::BadSignature);
}

TEST(AuthBuyerToken, TamperedExpiryIsABadSignature) {
  auto parts = split(sign_buyer_token(demo_claims(), kSecret));
  parts[3] = std::to_string(kExpiry + 1000);
  EXPECT_EQ(check(join(parts)), TokenCheck::BadSignature);
}

TEST(AuthBuyerToken, TamperedSignatureIsABadSignature) {
  auto parts = split(sign_buyer_token(demo_claims(), kSecret));
  parts[4][10] = parts[4][10] == '0' ? '1' : '0';
  EXPECT_EQ(check(join(parts)), TokenCheck::BadSignature);
  parts[4] = std::string(64, '0');
  EXPECT_EQ(check(join(parts)), TokenCheck::BadSignature);
}

TEST(AuthBuyerToken, ExpiredFromTheExpiryInstantOn) {
  const std::string token = sign_buyer_token(demo_claims(), kSecret);
  EXPECT_EQ(check(token, kExpiry - 1), TokenCheck::Ok);
  EXPECT_EQ(check(token, kExpiry), TokenCheck::Expired);
  EXPECT_EQ(check(token, kExpiry + 1), TokenCheck::Expired);
}

TEST(AuthBuyerToken, ExpiredIsOnlyReportedForGenuineTokens) {
  const std::string forged = sign_buyer_token(demo_claims(), "not-the-secret");
  EXPECT_EQ(check(forged, kExpiry + 1), TokenCheck::BadSignature);
}

TEST(AuthBuyerToken, TokenOfAnotherShopIsWrongShop) {
  const std::string token = sign_buyer_token({"shop-a", "buyer-42", kExpiry}, "secret-a");
  EXPECT_EQ(check(token, kExpiry - 1, "shop-b", "secret-b"), TokenCheck::WrongShop);
  EXPECT_EQ(check(token, kExpiry - 1, "shop-b", "secret-a"), TokenCheck::WrongShop);
  EXPECT_EQ(check(token, kExpiry - 1, "shop-a", "secret-a"), TokenCheck::Ok);
}

TEST(AuthBuyerToken, WrongSecretIsABadSignature) {
  const std::string token = sign_buyer_token(demo_claims(), kSecret);
  EXPECT_EQ(check(token, kExpiry - 1, "demo", kSecret + "x"), TokenCheck::BadSignature);
  EXPECT_EQ(check(token, kExpiry - 1, "demo", ""), TokenCheck::BadSignature);
}

TEST(AuthBuyerToken, OutIsLeftAloneUnlessOk) {
  BuyerClaims out{"untouched", "untouched", 7};
  const std::string token = sign_buyer_token(demo_claims(), kSecret);
  EXPECT_EQ(verify_buyer_token(token, "demo", kSecret, kExpiry, &out), TokenCheck::Expired);
  EXPECT_EQ(verify_buyer_token(token, "demo", "bad", 0, &out), TokenCheck::BadSignature);
  EXPECT_EQ(verify_buyer_token("nope", "demo", kSecret, 0, &out), TokenCheck::Malformed);
  EXPECT_EQ(out.shop_id, "untouched");
  EXPECT_EQ(out.buyer_id, "untouched");
  EXPECT_EQ(out.expires_at_ms, 7);
}

TEST(AuthBuyerToken, EmptyAndGarbageAreMalformed) {
  const std::string good = sign_buyer_token(demo_claims(), kSecret);
  const auto p = split(good);
  const std::vector<std::string> bad = {
      "",
      ".",
      "....",
      ".....",
      "v1",
      "v1....",
      "hello world",
      "v2." + p[1] + "." + p[2] + "." + p[3] + "." + p[4],
      "V1." + p[1] + "." + p[2] + "." + p[3] + "." + p[4],
      p[1] + "." + p[2] + "." + p[3] + "." + p[4],           // no version
      good + ".",                                            // six fields
      good + ".extra",                                       // six fields
      "v1.." + p[2] + "." + p[3] + "." + p[4],               // empty shop id
      "v1." + p[1] + ".." + p[3] + "." + p[4],               // empty buyer id
      "v1." + p[1] + "." + p[2] + ".." + p[4],               // empty expiry
      "v1." + p[1] + "." + p[2] + "." + p[3] + ".",          // empty signature
      "v1." + p[1] + "=." + p[2] + "." + p[3] + "." + p[4],  // padding
      "v1.ZGVtbx." + p[2] + "." + p[3] + "." + p[4],         // stray bits in base64
      "v1.ZGV!bw." + p[2] + "." + p[3] + "." + p[4],         // not base64
      "v1." + p[1] + "." + p[2] + ".-1." + p[4],             // negative expiry
      "v1." + p[1] + "." + p[2] + ".+1700000000000." + p[4],
      "v1." + p[1] + "." + p[2] + ".01700000000000." + p[4],  // leading zero
      "v1." + p[1] + "." + p[2] + ".1.7e12." + p[4],
      "v1." + p[1] + "." + p[2] + ".99999999999999999999." + p[4],    // past int64
      "v1." + p[1] + "." + p[2] + ".9223372036854775808." + p[4],     // INT64_MAX + 1
      "v1." + p[1] + "." + p[2] + "." + p[3] + "." + p[4].substr(1),  // 63 hex digits
      "v1." + p[1] + "." + p[2] + "." + p[3] + "." + p[4] + "0",      // 65 hex digits
      "v1." + p[1] + "." + p[2] + "." + p[3] + "." + std::string(64, 'g'),
      " " + good,
      good + " ",
      good + "\n",
      std::string(good.size(), '\0'),
  };
  for (const auto& token : bad) {
    EXPECT_EQ(check(token), TokenCheck::Malformed) << "token: " << token;
    EXPECT_FALSE(read_buyer_token_unverified(token).has_value()) << "token: " << token;
  }
}

TEST(AuthBuyerToken, IdsWithControlCharactersOrBadUtf8InATokenAreMalformed) {
  const std::vector<std::string> bad_ids = {std::string("a\0b", 3),
                                            "a\nb",
                                            "tab\there",
                                            "del\x7f",
                                            "c1\xc2\x85",
                                            "bad\xff",
                                            "\xc0\xaf" /* overlong '/' */,
                                            "\xed\xa0\x80" /* surrogate */,
                                            "cut\xe4\xb8"};
  for (const auto& id : bad_ids) {
    // Forge a correctly signed token around the id, as a careless shop backend might.
    const std::string payload = "v1.ZGVtbw." + base64url_encode(id) + ".1700000000000";
    const std::string token = payload + "." + hmac_sha256_hex(kSecret, payload);
    EXPECT_EQ(check(token), TokenCheck::Malformed) << base64url_encode(id);
  }
}

TEST(AuthBuyerToken, ExpiryEdgeValuesParse) {
  for (std::int64_t expiry : {std::int64_t{0}, std::int64_t{1}, INT64_MAX}) {
    BuyerClaims out;
    const std::string token = sign_buyer_token({"demo", "b", expiry}, kSecret);
    EXPECT_EQ(verify_buyer_token(token, "demo", kSecret, expiry - 1, &out), TokenCheck::Ok)
        << token;
    EXPECT_EQ(out.expires_at_ms, expiry);
  }
}

TEST(AuthBuyerToken, VeryLongInputIsMalformed) {
  EXPECT_EQ(check(std::string(1'000'000, 'A')), TokenCheck::Malformed);
  EXPECT_EQ(check(std::string(1'000'000, '.')), TokenCheck::Malformed);
  const std::string huge_id = base64url_encode(std::string(100'000, 'x'));
  const std::string payload = "v1.ZGVtbw." + huge_id + ".1700000000000";
  EXPECT_EQ(check(payload + "." + hmac_sha256_hex(kSecret, payload)), TokenCheck::Malformed);
  EXPECT_FALSE(read_buyer_token_unverified(std::string(1'000'000, 'v')).has_value());
}

TEST(AuthBuyerToken, LongestIdsStillFit) {
  const std::string longest(kMaxTokenIdBytes, 'x');
  // 128 bytes of 3-byte characters would be 129: use 42 of them plus 2 ASCII bytes.
  std::string chinese;
  for (int i = 0; i < 42; ++i) chinese += "买";
  chinese += "xy";
  ASSERT_EQ(chinese.size(), kMaxTokenIdBytes);
  BuyerClaims out;
  const std::string token = sign_buyer_token({longest, chinese, kExpiry}, kSecret);
  EXPECT_EQ(verify_buyer_token(token, longest, kSecret, 0, &out), TokenCheck::Ok);
  EXPECT_EQ(out.buyer_id, chinese);
}

TEST(AuthBuyerToken, SignRefusesInvalidClaimsAndEmptySecret) {
  EXPECT_THROW(sign_buyer_token({"", "b", kExpiry}, kSecret), std::invalid_argument);
  EXPECT_THROW(sign_buyer_token({"demo", "", kExpiry}, kSecret), std::invalid_argument);
  EXPECT_THROW(sign_buyer_token({"demo", std::string(kMaxTokenIdBytes + 1, 'b'), kExpiry}, kSecret),
               std::invalid_argument);
  EXPECT_THROW(sign_buyer_token({"demo", "line\nbreak", kExpiry}, kSecret), std::invalid_argument);
  EXPECT_THROW(sign_buyer_token({"demo", "b", -1}, kSecret), std::invalid_argument);
  EXPECT_THROW(sign_buyer_token(demo_claims(), ""), std::invalid_argument);
}

TEST(AuthBuyerToken, ValidTokenIds) {
  EXPECT_TRUE(is_valid_token_id("buyer-42"));
  EXPECT_TRUE(is_valid_token_id("with space"));
  EXPECT_TRUE(is_valid_token_id("买家"));
  EXPECT_TRUE(is_valid_token_id("emoji \xf0\x9f\x98\x80"));
  EXPECT_TRUE(is_valid_token_id("\xc2\xa0"));  // U+00A0, just past the C1 block
  EXPECT_FALSE(is_valid_token_id(""));
  EXPECT_FALSE(is_valid_token_id("\x1f"));
  EXPECT_FALSE(is_valid_token_id("\xc2\x9f"));          // U+009F, a C1 control
  EXPECT_FALSE(is_valid_token_id("\xf4\x90\x80\x80"));  // past U+10FFFF
  EXPECT_FALSE(is_valid_token_id("\xe0\x80\xaf"));      // overlong
  EXPECT_FALSE(is_valid_token_id("\xf0\x9f\x98"));      // cut short
  EXPECT_FALSE(is_valid_token_id("\x80"));              // lone continuation
}

TEST(AuthBuyerToken, ToStringNamesEveryOutcome) {
  EXPECT_STREQ(to_string(TokenCheck::Ok), "ok");
  EXPECT_STREQ(to_string(TokenCheck::Malformed), "malformed");
  EXPECT_STREQ(to_string(TokenCheck::BadSignature), "bad signature");
  EXPECT_STREQ(to_string(TokenCheck::Expired), "expired");
  EXPECT_STREQ(to_string(TokenCheck::WrongShop), "wrong shop");
}

}  // namespace
}  // namespace kefu::auth
