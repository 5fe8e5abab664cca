#include "auth/password.h"

#include <gtest/gtest.h>

#include <string>

namespace kefu::auth {
namespace {

TEST(AuthPassword, HashThenVerifyAcceptsThePassword) {
  const std::string hash = hash_password("correct horse 电池");
  EXPECT_TRUE(verify_password(hash, "correct horse 电池"));
}

TEST(AuthPassword, WrongPasswordIsRefused) {
  const std::string hash = hash_password("s3cret");
  EXPECT_FALSE(verify_password(hash, "s3cret "));
  EXPECT_FALSE(verify_password(hash, "S3cret"));
  EXPECT_FALSE(verify_password(hash, ""));
}

TEST(AuthPassword, PasswordWithNulBytesIsHashedWhole) {
  const std::string password("ab\0cd", 5);
  const std::string hash = hash_password(password);
  EXPECT_TRUE(verify_password(hash, password));
  EXPECT_FALSE(verify_password(hash, "ab"));
}

TEST(AuthPassword, HashIsArgon2idAndSaltedFreshEachTime) {
  const std::string a = hash_password("same");
  const std::string b = hash_password("same");
  EXPECT_TRUE(a.starts_with("$argon2id$v=19$")) << a;
  EXPECT_TRUE(looks_like_password_hash(a));
  EXPECT_NE(a, b);
  EXPECT_TRUE(verify_password(a, "same"));
  EXPECT_TRUE(verify_password(b, "same"));
}

TEST(AuthPassword, MalformedHashIsRefusedWithoutThrowing) {
  const std::string good = hash_password("pw");
  EXPECT_FALSE(verify_password("", "pw"));
  EXPECT_FALSE(verify_password("pw", "pw"));  // a plain password where a hash belongs
  EXPECT_FALSE(verify_password("$argon2id$", "pw"));
  EXPECT_FALSE(verify_password("$argon2id$v=19$m=65536,t=2,p=1$garbage", "pw"));
  EXPECT_FALSE(verify_password(good.substr(0, good.size() - 5), "pw"));  // truncated
  EXPECT_FALSE(verify_password(good + "AAAA", "pw"));                    // lengthened
  std::string with_nul = good;
  with_nul[12] = '\0';
  EXPECT_FALSE(verify_password(with_nul, "pw"));
  EXPECT_FALSE(verify_password(std::string(10000, '$'), "pw"));
  EXPECT_FALSE(verify_password("$argon2id$" + std::string(10000, 'x'), "pw"));
}

TEST(AuthPassword, TamperedHashIsRefused) {
  std::string hash = hash_password("pw");
  hash[hash.size() - 3] = hash[hash.size() - 3] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(verify_password(hash, "pw"));
}

TEST(AuthPassword, LooksLikePasswordHashOnlyForArgon2id) {
  EXPECT_TRUE(looks_like_password_hash("$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA"));
  EXPECT_FALSE(looks_like_password_hash("$argon2i$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA"));
  EXPECT_FALSE(looks_like_password_hash("$2b$12$bcrypthashbcrypthash"));
  EXPECT_FALSE(looks_like_password_hash("hunter2"));
  EXPECT_FALSE(looks_like_password_hash(""));
  EXPECT_FALSE(looks_like_password_hash(" $argon2id$v=19"));
}

}  // namespace
}  // namespace kefu::auth
