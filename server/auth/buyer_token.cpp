#include "auth/buyer_token.h"

#include <array>
#include <charconv>
#include <stdexcept>

#include "auth/base64url.h"
#include "auth/hex.h"
#include "auth/hmac.h"

namespace kefu::auth {

namespace {

constexpr std::string_view kVersion = "v1";
constexpr std::size_t kSignatureHexChars = 64;
constexpr std::size_t kMaxExpiryDigits = 19;  // INT64_MAX has 19 digits
// Two ids of kMaxTokenIdBytes (171 base64 characters each), the expiry, the signature, the
// version and the dots come to 431 characters: anything much longer is refused unread.
constexpr std::size_t kMaxTokenChars = 512;

bool is_continuation(unsigned char b) { return b >= 0x80 && b <= 0xBF; }

// Decimal with no sign and no leading zeros: the one spelling a signer produces, so a token
// cannot be respelled ("007", "+7") into a different string.
std::optional<std::int64_t> parse_expiry(std::string_view text) {
  if (text.empty() || text.size() > kMaxExpiryDigits) return std::nullopt;
  if (text.size() > 1 && text.front() == '0') return std::nullopt;
  for (char c : text)
    if (c < '0' || c > '9') return std::nullopt;
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// A token split into its parts, syntax checked, signature not yet checked.
struct ParsedToken {
  BuyerClaims claims;
  std::string_view signed_part;  // everything before the last dot
  std::string signature;         // the raw 32 bytes
};

std::optional<ParsedToken> parse(std::string_view token) {
  if (token.size() > kMaxTokenChars) return std::nullopt;
  std::array<std::string_view, 5> fields;
  std::size_t count = 0;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = token.find('.', start);
    if (count == fields.size()) return std::nullopt;  // more than five fields
    fields[count++] = token.substr(start, dot == std::string_view::npos ? dot : dot - start);
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  if (count != fields.size() || fields[0] != kVersion) return std::nullopt;

  auto shop_id = base64url_decode(fields[1]);
  auto buyer_id = base64url_decode(fields[2]);
  const auto expires_at_ms = parse_expiry(fields[3]);
  if (!shop_id || !buyer_id || !expires_at_ms) return std::nullopt;
  if (!is_valid_token_id(*shop_id) || !is_valid_token_id(*buyer_id)) return std::nullopt;
  if (fields[4].size() != kSignatureHexChars) return std::nullopt;
  auto signature = from_hex(fields[4]);
  if (!signature) return std::nullopt;

  ParsedToken parsed;
  parsed.claims = BuyerClaims{std::move(*shop_id), std::move(*buyer_id), *expires_at_ms};
  parsed.signed_part = token.substr(0, token.size() - fields[4].size() - 1);
  parsed.signature = std::move(*signature);
  return parsed;
}

}  // namespace

bool is_valid_token_id(std::string_view id) noexcept {
  if (id.empty() || id.size() > kMaxTokenIdBytes) return false;
  const auto* p = reinterpret_cast<const unsigned char*>(id.data());
  const std::size_t n = id.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char b = p[i];
    if (b < 0x20 || b == 0x7F) return false;  // C0 controls and DEL
    if (b < 0x80) {
      ++i;
      continue;
    }
    // Well-formed UTF-8 (Unicode table 3-7): no overlong forms, surrogates or values past
    // U+10FFFF. `lo`/`hi` bound the second byte, which is where those are ruled out.
    std::size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (b >= 0xC2 && b <= 0xDF) {
      len = 2;
      if (b == 0xC2) lo = 0xA0;  // U+0080..U+009F are the C1 controls
    } else if (b >= 0xE0 && b <= 0xEF) {
      len = 3;
      if (b == 0xE0) lo = 0xA0;
      if (b == 0xED) hi = 0x9F;
    } else if (b >= 0xF0 && b <= 0xF4) {
      len = 4;
      if (b == 0xF0) lo = 0x90;
      if (b == 0xF4) hi = 0x8F;
    } else {
      return false;
    }
    if (n - i < len) return false;
    if (p[i + 1] < lo || p[i + 1] > hi) return false;
    for (std::size_t k = 2; k < len; ++k)
      if (!is_continuation(p[i + k])) return false;
    i += len;
  }
  return true;
}

std::string sign_buyer_token(const BuyerClaims& claims, std::string_view secret) {
  if (!is_valid_token_id(claims.shop_id)) throw std::invalid_argument("buyer token: bad shop id");
  if (!is_valid_token_id(claims.buyer_id)) throw std::invalid_argument("buyer token: bad buyer id");
  if (claims.expires_at_ms < 0) throw std::invalid_argument("buyer token: negative expiry");
  if (secret.empty()) throw std::invalid_argument("buyer token: empty secret");
  std::string token{kVersion};
  token.append(".")
      .append(base64url_encode(claims.shop_id))
      .append(".")
      .append(base64url_encode(claims.buyer_id))
      .append(".")
      .append(std::to_string(claims.expires_at_ms));
  const std::string signature = hmac_sha256_hex(secret, token);
  token.append(".").append(signature);
  return token;
}

std::optional<BuyerClaims> read_buyer_token_unverified(std::string_view token) {
  auto parsed = parse(token);
  if (!parsed) return std::nullopt;
  return std::move(parsed->claims);
}

TokenCheck verify_buyer_token(std::string_view token, std::string_view expected_shop_id,
                              std::string_view secret, std::int64_t now_ms, BuyerClaims* out) {
  auto parsed = parse(token);
  if (!parsed) return TokenCheck::Malformed;
  // Before the signature: a token of another shop would otherwise read as a forgery.
  if (parsed->claims.shop_id != expected_shop_id) return TokenCheck::WrongShop;
  if (secret.empty()) return TokenCheck::BadSignature;
  if (!constant_time_equal(parsed->signature, hmac_sha256(secret, parsed->signed_part)))
    return TokenCheck::BadSignature;
  if (now_ms >= parsed->claims.expires_at_ms) return TokenCheck::Expired;
  if (out != nullptr) *out = std::move(parsed->claims);
  return TokenCheck::Ok;
}

const char* to_string(TokenCheck check) noexcept {
  switch (check) {
    case TokenCheck::Ok:
      return "ok";
    case TokenCheck::Malformed:
      return "malformed";
    case TokenCheck::BadSignature:
      return "bad signature";
    case TokenCheck::Expired:
      return "expired";
    case TokenCheck::WrongShop:
      return "wrong shop";
  }
  return "unknown";
}

}  // namespace kefu::auth
