// Script: EVALSHA with a fallback to EVAL on NOSCRIPT (Redis restarted or SCRIPT FLUSH).
#include <openssl/evp.h>

#include <array>
#include <utility>
#include <vector>

#include "redis/client_impl.h"

namespace kefu::redis {

namespace {

std::string sha1_hex(std::string_view text) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  if (EVP_Digest(text.data(), text.size(), digest.data(), &size, EVP_sha1(), nullptr) != 1) {
    return {};  // never expected; EVALSHA of "" fails with NOSCRIPT and EVAL still works
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(size * 2);
  for (unsigned int i = 0; i < size; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 0xf];
  }
  return hex;
}

// What a call needs to be retried as EVAL: its arguments outlive the caller's views.
struct ScriptCall {
  std::shared_ptr<const std::string> source;
  std::vector<std::string> argv;  // EVALSHA sha numkeys keys... args...
  Callback cb;

  std::vector<std::string_view> views() const { return {argv.begin(), argv.end()}; }
};

}  // namespace

Script::Script(std::string source)
    : source_(std::make_shared<const std::string>(std::move(source))), sha1_(sha1_hex(*source_)) {}

void Script::call(Client& client, std::span<const std::string_view> keys,
                  std::span<const std::string_view> args, Callback cb) const {
  auto call = std::make_shared<ScriptCall>();
  call->source = source_;
  call->cb = std::move(cb);
  call->argv.reserve(3 + keys.size() + args.size());
  call->argv.emplace_back("EVALSHA");
  call->argv.emplace_back(sha1_);
  call->argv.emplace_back(std::to_string(keys.size()));
  for (auto key : keys) call->argv.emplace_back(key);
  for (auto arg : args) call->argv.emplace_back(arg);

  std::weak_ptr<Client::Impl> weak = client.impl_;
  const auto views = call->views();
  client.impl_->command(views, [weak, call](const Reply& reply) {
    if (reply.is_error() && std::string_view(reply.str).starts_with("NOSCRIPT")) {
      if (auto impl = weak.lock()) {
        // EVAL also caches the script, so the next EVALSHA succeeds.
        call->argv[0] = "EVAL";
        call->argv[1] = *call->source;
        const auto retry = call->views();
        impl->command(retry, [call](const Reply& r) {
          if (call->cb) call->cb(r);
        });
        return;
      }
    }
    if (call->cb) call->cb(reply);
  });
}

}  // namespace kefu::redis
