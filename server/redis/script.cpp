// Script: EVALSHA, the script loaded first on each connection (Client), with a fallback to EVAL
// on NOSCRIPT (SCRIPT FLUSH).
#include <openssl/evp.h>

#include <array>
#include <utility>
#include <vector>

#include "redis/client.h"

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

// Issue 9: on a cluster a shop's bus channel is a shard channel, published with SPUBLISH so
// the message stays on the shard that owns the shop's slot instead of being broadcast to every
// node. The scripts are written for a single Redis; their cluster variant swaps the command.
std::string with_sharded_publish(std::string source) {
  constexpr std::string_view kPlain = "redis.call('PUBLISH'", kSharded = "redis.call('SPUBLISH'";
  for (auto at = source.find(kPlain); at != std::string::npos;
       at = source.find(kPlain, at + kSharded.size()))
    source.replace(at, kPlain.size(), kSharded);
  return source;
}

}  // namespace

Script::Script(std::string source) {
  cluster_.source = std::make_shared<const std::string>(with_sharded_publish(source));
  cluster_.sha1 = sha1_hex(*cluster_.source);
  single_.source = std::make_shared<const std::string>(std::move(source));
  single_.sha1 = sha1_hex(*single_.source);
}

void Script::call(Client& client, std::span<const std::string_view> keys,
                  std::span<const std::string_view> args, Callback cb) const {
  const Variant& variant = client.cluster() ? cluster_ : single_;
  auto call = std::make_shared<ScriptCall>();
  call->source = variant.source;
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

  // On a cluster the EVAL goes where the EVALSHA went: to the master of the first key's slot,
  // whose script cache missed it (each node has its own). The views of this call live in a
  // vector each thread reuses: the sender copies the command before it returns.
  thread_local std::vector<std::string_view> views;
  call->views("EVALSHA", variant.sha1, views);
  client.command(
      views,
      [again = client.weak_ref(), call](const Reply& reply) {
        if (reply.is_error() && std::string_view(reply.str).starts_with("NOSCRIPT")) {
          // EVAL also caches the script, so the next EVALSHA succeeds.
          std::vector<std::string_view> retry;
          call->views("EVAL", *call->source, retry);
          again.command(retry, [call](const Reply& r) {
            if (call->cb) call->cb(r);
          });
          return;
        }
        if (call->cb) call->cb(reply);
      },
      variant.source);
}

}  // namespace kefu::redis
