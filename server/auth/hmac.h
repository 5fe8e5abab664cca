#pragma once
// HMAC-SHA256 signatures and their constant-time check. Used for buyer tokens and for the
// signature shop platforms put on order events:
//   X-Kefu-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>" keyed with the shop's
//   webhook secret>
#include <string>
#include <string_view>

namespace kefu::auth {

// The raw 32-byte HMAC-SHA256(key, data). Throws std::runtime_error only if libsodium cannot
// be initialised.
std::string hmac_sha256(std::string_view key, std::string_view data);

// Lowercase hex of HMAC-SHA256(key, data): 64 characters. Throws as hmac_sha256().
std::string hmac_sha256_hex(std::string_view key, std::string_view data);

// Equal contents, compared with sodium_memcmp so the time taken does not tell where the first
// difference is. Different lengths are unequal at once: lengths are not secret here (a
// signature's length is public).
bool constant_time_equal(std::string_view a, std::string_view b) noexcept;

// True when `signature_header` is exactly "sha256=" followed by 64 hex digits (either case)
// equal to HMAC-SHA256(secret, timestamp + "." + body). An empty secret never verifies.
// The caller still checks that `timestamp` is recent (replay protection needs the clock).
bool verify_webhook_signature(std::string_view secret, std::string_view timestamp,
                              std::string_view body, std::string_view signature_header);

}  // namespace kefu::auth
