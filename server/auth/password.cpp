#include "auth/password.h"

#include <sodium.h>

#include <stdexcept>

#include "auth/sodium_init_once.h"

namespace kefu::auth {

namespace {
constexpr std::string_view kArgon2idPrefix = "$argon2id$";
}

std::string hash_password(std::string_view password) {
  ensure_sodium_initialized();
  char out[crypto_pwhash_argon2id_STRBYTES];
  if (crypto_pwhash_argon2id_str(out, password.data(), password.size(),
                                 crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE,
                                 crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE) != 0)
    throw std::runtime_error("password hashing failed (out of memory?)");
  return std::string{out};
}

bool verify_password(std::string_view hash, std::string_view password) noexcept {
  if (!looks_like_password_hash(hash)) return false;
  // libsodium reads a NUL-terminated string: refuse hashes that do not fit or hide a NUL.
  if (hash.size() >= crypto_pwhash_argon2id_STRBYTES) return false;
  if (hash.find('\0') != std::string_view::npos) return false;
  try {
    ensure_sodium_initialized();
  } catch (...) {
    return false;
  }
  char terminated[crypto_pwhash_argon2id_STRBYTES] = {};
  hash.copy(terminated, hash.size());
  return crypto_pwhash_argon2id_str_verify(terminated, password.data(), password.size()) == 0;
}

bool looks_like_password_hash(std::string_view text) noexcept {
  return text.starts_with(kArgon2idPrefix);
}

}  // namespace kefu::auth
