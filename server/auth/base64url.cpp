#include "auth/base64url.h"

#include <sodium.h>

namespace kefu::auth {

namespace {
constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
}

std::string base64url_encode(std::string_view bytes) {
  // sodium_base64_ENCODED_LEN counts the terminating NUL that sodium_bin2base64 writes.
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), kVariant), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), kVariant);
  out.resize(out.size() - 1);
  return out;
}

std::optional<std::string> base64url_decode(std::string_view text) {
  if (text.empty()) return std::string{};
  // Every 4 characters carry 3 bytes, so this bound is never too small.
  std::string out(text.size() / 4 * 3 + 3, '\0');
  std::size_t len = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), /*ignore=*/nullptr, &len, &end, kVariant) != 0)
    return std::nullopt;
  if (end != text.data() + text.size()) return std::nullopt;
  out.resize(len);
  // Canonical form only. libsodium 1.0.18 already refuses stray bits; checking by re-encoding
  // keeps the promise whatever the library version.
  if (base64url_encode(out) != text) return std::nullopt;
  return out;
}

}  // namespace kefu::auth
