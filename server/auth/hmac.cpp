#include "auth/hmac.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <climits>
#include <stdexcept>

#include "auth/hex.h"

namespace kefu::auth {

namespace {
constexpr std::string_view kSignaturePrefix = "sha256=";
constexpr std::size_t kSha256Bytes = 32;
}  // namespace

// OpenSSL may dislike null pointers even for empty inputs, so empty views get a valid address.
std::string hmac_sha256(std::string_view key, std::string_view data) {
  static const unsigned char kEmpty = 0;
  const void* key_ptr = key.empty() ? &kEmpty : static_cast<const void*>(key.data());
  const auto* data_ptr =
      data.empty() ? &kEmpty : reinterpret_cast<const unsigned char*>(data.data());
  if (key.size() > static_cast<std::size_t>(INT_MAX)) throw std::runtime_error("HMAC key too long");
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_len = 0;
  if (HMAC(EVP_sha256(), key_ptr, static_cast<int>(key.size()), data_ptr, data.size(), mac,
           &mac_len) == nullptr ||
      mac_len != kSha256Bytes)
    throw std::runtime_error("HMAC-SHA256 failed");
  return std::string(reinterpret_cast<const char*>(mac), mac_len);
}

std::string hmac_sha256_hex(std::string_view key, std::string_view data) {
  return to_hex(hmac_sha256(key, data));
}

bool constant_time_equal(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

bool verify_webhook_signature(std::string_view secret, std::string_view timestamp,
                              std::string_view body, std::string_view signature_header) {
  if (secret.empty()) return false;
  if (!signature_header.starts_with(kSignaturePrefix)) return false;
  const std::string_view hex = signature_header.substr(kSignaturePrefix.size());
  if (hex.size() != kSha256Bytes * 2) return false;
  const auto given = from_hex(hex);
  if (!given) return false;
  std::string signed_text;
  signed_text.reserve(timestamp.size() + 1 + body.size());
  signed_text.append(timestamp).append(".").append(body);
  return constant_time_equal(*given, hmac_sha256(secret, signed_text));
}

}  // namespace kefu::auth
