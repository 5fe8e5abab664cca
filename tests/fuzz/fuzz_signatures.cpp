// libFuzzer target (issue 10): the two signatures Kefu checks, the platforms' webhook signature
// on order events and the shops' buyer tokens. Nothing may crash, a forged value never
// verifies, and a genuine one always does.
#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "auth/buyer_token.h"
#include "auth/hmac.h"

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

void webhook(FuzzedDataProvider& in) {
  const std::string secret = in.ConsumeRandomLengthString(64);
  const std::string timestamp = in.ConsumeRandomLengthString(24);
  const std::string signature = in.ConsumeRandomLengthString(80);
  const std::string body = in.ConsumeRandomLengthString(4096);
  const bool ok = kefu::auth::verify_webhook_signature(secret, timestamp, body, signature);
  if (secret.empty()) {
    if (ok) std::abort();  // an empty secret never verifies
    return;
  }
  const std::string genuine = kefu::auth::hmac_sha256_hex(secret, timestamp + "." + body);
  // Only the genuine signature verifies (its hex in either case), nothing else.
  if (ok != (signature.size() == 71 && signature.starts_with("sha256=") &&
             lower(signature.substr(7)) == genuine))
    std::abort();
  if (!kefu::auth::verify_webhook_signature(secret, timestamp, body, "sha256=" + genuine))
    std::abort();
}

void buyer_token(FuzzedDataProvider& in) {
  const std::string secret = in.ConsumeRandomLengthString(64);
  const std::string shop = in.ConsumeRandomLengthString(40);
  const std::int64_t now = in.ConsumeIntegral<std::int64_t>();
  const std::string token = in.ConsumeRemainingBytesAsString();
  kefu::auth::BuyerClaims claims;
  const auto check = kefu::auth::verify_buyer_token(token, shop, secret, now, &claims);
  (void)kefu::auth::read_buyer_token_unverified(token);
  if (check == kefu::auth::TokenCheck::Ok) {
    // Verified claims are exactly what a token for them says, signed with this secret.
    if (claims.shop_id != shop || claims.expires_at_ms <= now) std::abort();
    if (kefu::auth::sign_buyer_token(claims, secret) != token) std::abort();
  }
  // A genuine token for fuzzed ids verifies, until it expires.
  if (!secret.empty() && kefu::auth::is_valid_token_id(shop) &&
      kefu::auth::is_valid_token_id(secret.substr(0, 8)) && now > 0 && now < (1LL << 60)) {
    const kefu::auth::BuyerClaims mine{shop, secret.substr(0, 8), now + 1};
    const std::string signed_token = kefu::auth::sign_buyer_token(mine, secret);
    if (kefu::auth::verify_buyer_token(signed_token, shop, secret, now, nullptr) !=
        kefu::auth::TokenCheck::Ok)
      std::abort();
    if (kefu::auth::verify_buyer_token(signed_token, shop, secret, now + 1, nullptr) !=
        kefu::auth::TokenCheck::Expired)
      std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in{data, size};
  if (in.ConsumeBool())
    webhook(in);
  else
    buyer_token(in);
  return 0;
}
