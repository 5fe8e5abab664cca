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

// What a call needs to be retried as EVAL: its arguments outlive the caller's views. They are
// kept in one string (issue 8: a std::string per key and argument was a dozen allocations per
// message); a retry, rare, builds its views again.
struct ScriptCall {
  std::shared_ptr<const std::string> source;
  std::string numkeys;
  std::string bytes;               // the keys and arguments, back to back
  std::vector<std::size_t> sizes;  // of each of them
  Callback cb;

  void views(std::string_view command, std::string_view script,
             std::vector<std::string_view>& out) const {
    out.clear();
    out.reserve(3 + sizes.size());
    out.push_back(command);
    out.push_back(script);
    out.push_back(numkeys);
    std::size_t at = 0;
    for (std::size_t n : sizes) {
      out.push_back(std::string_view(bytes).substr(at, n));
      at += n;
    }
  }
};

}  // namespace

Script::Script(std::string source)
    : source_(std::make_shared<const std::string>(std::move(source))), sha1_(sha1_hex(*source_)) {}

void Script::call(Client& client, std::span<const std::string_view> keys,
                  std::span<const std::string_view> args, Callback cb) const {
  auto call = std::make_shared<ScriptCall>();
  call->source = source_;
  call->cb = std::move(cb);
  call->numkeys = std::to_string(keys.size());
  std::size_t total = 0;
  for (auto key : keys) total += key.size();
  for (auto arg : args) total += arg.size();
  call->bytes.reserve(total);
  call->sizes.reserve(keys.size() + args.size());
  for (auto part : {keys, args})
    for (auto a : part) {
      call->bytes.append(a.data(), a.size());
      call->sizes.push_back(a.size());
    }

  // The views of this call, in a vector each thread reuses.
  thread_local std::vector<std::string_view> views;
  call->views("EVALSHA", sha1_, views);
  std::weak_ptr<Client::Impl> weak = client.impl_;
  client.impl_->command(views, [weak, call](const Reply& reply) {
    if (reply.is_error() && std::string_view(reply.str).starts_with("NOSCRIPT")) {
      if (auto impl = weak.lock()) {
        // EVAL also caches the script, so the next EVALSHA succeeds.
        std::vector<std::string_view> retry;
        call->views("EVAL", *call->source, retry);
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
