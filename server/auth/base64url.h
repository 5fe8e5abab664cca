#pragma once
// URL-safe base64 without padding (RFC 4648 §5), as libsodium's
// sodium_base64_VARIANT_URLSAFE_NO_PADDING: the alphabet A-Z a-z 0-9 - _ and no '=' or '.', so
// encoded fields can be joined with dots.
#include <optional>
#include <string>
#include <string_view>

namespace kefu::auth {

std::string base64url_encode(std::string_view bytes);

// The bytes, or nullopt unless `text` is exactly what base64url_encode would produce for them
// (no padding, no whitespace, no stray bits): one encoding per value, so a token cannot be
// rewritten into a different string that still verifies.
std::optional<std::string> base64url_decode(std::string_view text);

}  // namespace kefu::auth
