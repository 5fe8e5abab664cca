#pragma once
// libsodium must be initialised once before its random and hashing functions are used.

namespace kefu::auth {

// Calls sodium_init() the first time (thread-safe); throws std::runtime_error if it fails.
void ensure_sodium_initialized();

}  // namespace kefu::auth
