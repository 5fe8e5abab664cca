#pragma once
// Buyer tokens: a shop vouches for one of its buyers. Kefu has no buyer accounts; the shop's
// own servers sign a token for the logged-in buyer, the shop's page hands it to the chat
// widget, and the widget sends it in hello{buyerToken}.
//
// Format (five fields joined by '.'):
//   v1.<base64url(shop_id)>.<base64url(buyer_id)>.<expires_at_ms>.<signature>
//
// Recipe for a shop backend (any language):
//   1. shop_id: the shop's id in Kefu's config; buyer_id: the shop's own stable id for the buyer
//      (the same buyer must get the same id every time, so returning buyers find their agent,
//      R-ROUTE-5). Both 1..128 bytes of UTF-8 without control characters. Do not put personal
//      data (phone, address) in the id (R-MSG-6).
//   2. expires_at_ms: Unix time in milliseconds, as a plain decimal number with no sign or
//      leading zeros; a token is refused from that instant on. Hours, not weeks.
//   3. b64(x) = base64url without padding (RFC 4648 §5: '+' -> '-', '/' -> '_', no '=').
//   4. payload = "v1." + b64(shop_id) + "." + b64(buyer_id) + "." + expires_at_ms
//   5. signature = lowercase hex of HMAC-SHA256(key = the shop's buyerTokenSecret from Kefu's
//      config, as its raw bytes; message = payload); uppercase hex is accepted too
//   6. token = payload + "." + signature
// For example, in Python:
//   b64 = lambda s: base64.urlsafe_b64encode(s.encode()).rstrip(b"=").decode()
//   payload = f"v1.{b64(shop_id)}.{b64(buyer_id)}.{expires_at_ms}"
//   token = payload + "." + hmac.new(secret.encode(), payload.encode(), "sha256").hexdigest()
// or in a shell:
//   b64() { printf %s "$1" | base64 -w0 | tr '+/' '-_' | tr -d '='; }
//   payload="v1.$(b64 "$shop_id").$(b64 "$buyer_id").$expires_at_ms"
//   sig=$(printf %s "$payload" | openssl dgst -sha256 -hmac "$secret" -r | cut -d' ' -f1)
//   token="$payload.$sig"
// (tests/unit/auth/buyer_token_test.cpp checks a token made this way.)
// The secret stays on the shop's servers; never sign tokens in the browser.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kefu::auth {

struct BuyerClaims {
  std::string shop_id;
  std::string buyer_id;
  std::int64_t expires_at_ms = 0;  // Unix ms; the token is expired when now_ms >= this
};

// Longest shop or buyer id a token may carry, in bytes.
inline constexpr std::size_t kMaxTokenIdBytes = 128;

// An id fit for a token: 1..kMaxTokenIdBytes bytes of well-formed UTF-8 with no control
// characters (C0, DEL, C1). Ids travel in protobuf strings and Redis keys, hence UTF-8.
bool is_valid_token_id(std::string_view id) noexcept;

// The token for `claims`, signed with the shop's buyer token secret. Throws
// std::invalid_argument for an invalid id, a negative expiry or an empty secret.
std::string sign_buyer_token(const BuyerClaims& claims, std::string_view secret);

// The claims of a well-formed token WITHOUT checking its signature or expiry: only to learn
// which shop's secret to verify it with. Never trust these claims for anything else.
std::optional<BuyerClaims> read_buyer_token_unverified(std::string_view token);

enum class TokenCheck { Ok, Malformed, BadSignature, Expired, WrongShop };

// Checks in this order: well-formed, issued for `expected_shop_id`, signed with `secret`, not
// expired at `now_ms`. Expired is reported only for genuine tokens. On Ok, and only then,
// *out (if not null) receives the claims. An empty secret never verifies.
TokenCheck verify_buyer_token(std::string_view token, std::string_view expected_shop_id,
                              std::string_view secret, std::int64_t now_ms, BuyerClaims* out);

// "ok", "malformed", "bad signature", "expired", "wrong shop": for error texts and logs.
const char* to_string(TokenCheck check) noexcept;

}  // namespace kefu::auth
