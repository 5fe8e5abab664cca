#pragma once
// Small helpers shared by the Client implementation files (internal to server/redis/).
#include <hiredis/async.h>

#include <charconv>
#include <exception>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <spdlog/spdlog.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

#include "redis/client.h"

namespace kefu::redis::detail {

// hiredis is C: an exception must never unwind through it. User code it calls back into
// (reply callbacks, message and connect handlers) runs behind this guard.
template <class F, class... Args>
void invoke_guarded(const char* what, const F& f, Args&&... args) {
  try {
    f(std::forward<Args>(args)...);
  } catch (const std::exception& e) {
    spdlog::error("redis: {} threw: {}", what, e.what());
  } catch (...) {
    spdlog::error("redis: {} threw a non-standard exception", what);
  }
}

// Unavailable answers are always posted, never run inline: a caller may hold locks or be in
// the middle of updating state when command() returns.
inline void post_unavailable(boost::asio::io_context& io, Callback cb, std::string_view why) {
  if (!cb) return;
  boost::asio::post(io,
                    [cb = std::move(cb), why = std::string(why)] { cb(Reply::unavailable(why)); });
}

// Sends argv with hiredis (which copies it into its output buffer before returning). The
// command is put in RESP here, into a buffer each thread reuses, and handed over formatted:
// hiredis's own formatting (redisFormatSdsCommandArgv) grows an sds string piece by piece with
// sdscatfmt and was 8 % of the server's instructions per routed message (issue 8).
inline int send_argv(redisAsyncContext* ac, redisCallbackFn* fn, void* privdata,
                     std::span<const std::string_view> args) {
  thread_local std::string resp;
  resp.clear();
  std::size_t size = 16;
  for (auto a : args) size += a.size() + 16;
  resp.reserve(size);
  char digits[24];
  auto header = [&](char kind, std::size_t n) {
    resp.push_back(kind);
    const auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
    resp.append(digits, end);
    resp.append("\r\n", 2);
  };
  header('*', args.size());
  for (auto a : args) {
    header('$', a.size());
    resp.append(a.data(), a.size());
    resp.append("\r\n", 2);
  }
  const int status = redisAsyncFormattedCommand(ac, fn, privdata, resp.data(), resp.size());
  // A very long command (a routing snapshot's hundreds of agent ids) does not keep its buffer.
  if (resp.capacity() > 64 * 1024) std::string{}.swap(resp);
  return status;
}

}  // namespace kefu::redis::detail
