#pragma once
// Hexadecimal encoding of bytes, shared by tokens and signatures.
#include <optional>
#include <string>
#include <string_view>

namespace kefu::auth {

// Lowercase hex, two characters per byte.
std::string to_hex(std::string_view bytes);

// Bytes of an even-length string of hex digits (either case); nullopt for anything else.
std::optional<std::string> from_hex(std::string_view hex);

}  // namespace kefu::auth
