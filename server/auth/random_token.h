#pragma once
// Unguessable tokens (agent session tokens, demo buyer ids) from libsodium's CSPRNG.
#include <cstddef>
#include <string>

namespace kefu::auth {

// Lowercase hex of `bytes` random bytes (2 * bytes characters; 32 bytes = 256 bits by default).
std::string random_token(std::size_t bytes = 32);

}  // namespace kefu::auth
