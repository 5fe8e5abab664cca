#include "auth/random_token.h"

#include <sodium.h>

#include "auth/hex.h"
#include "auth/sodium_init_once.h"

namespace kefu::auth {

std::string random_token(std::size_t bytes) {
  ensure_sodium_initialized();
  std::string raw(bytes, '\0');
  if (bytes > 0) randombytes_buf(raw.data(), raw.size());
  const std::string token = to_hex(raw);
  sodium_memzero(raw.data(), raw.size());
  return token;
}

}  // namespace kefu::auth
