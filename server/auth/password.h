#pragma once
// Agent passwords are stored only as argon2id hashes (libsodium's crypto_pwhash_str format,
// "$argon2id$v=19$m=...,t=...,p=...$salt$hash"). `kefu-server --hash-password` prints one for
// the config file; config loading refuses anything that is not such a hash.
#include <string>
#include <string_view>

namespace kefu::auth {

// A new argon2id hash of `password` with a fresh random salt (so two calls differ), at
// libsodium's INTERACTIVE limits (~64 MiB, a fraction of a second). Slow on purpose: call it
// off the I/O threads. Throws std::runtime_error if hashing fails (out of memory).
std::string hash_password(std::string_view password);

// True when `password` matches `hash`. False for a wrong password and for a malformed or
// unsupported hash; never throws. Constant-time in the password (libsodium's comparison).
bool verify_password(std::string_view hash, std::string_view password) noexcept;

// True when `text` has the shape of an argon2id hash ("$argon2id$..."), so a plain password put
// into the config by mistake is refused at load time instead of silently never matching.
bool looks_like_password_hash(std::string_view text) noexcept;

}  // namespace kefu::auth
