#pragma once
// Small helpers shared by the Client implementation files (internal to server/redis/).
#include <hiredis/async.h>

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

// Sends argv with hiredis (which copies it into its output buffer before returning).
inline int send_argv(redisAsyncContext* ac, redisCallbackFn* fn, void* privdata,
                     std::span<const std::string_view> args) {
  constexpr std::size_t kInline = 16;
  const char* argv_inline[kInline];
  std::size_t lens_inline[kInline];
  std::vector<const char*> argv_heap;
  std::vector<std::size_t> lens_heap;
  const char** argv = argv_inline;
  std::size_t* lens = lens_inline;
  if (args.size() > kInline) {
    argv_heap.resize(args.size());
    lens_heap.resize(args.size());
    argv = argv_heap.data();
    lens = lens_heap.data();
  }
  for (std::size_t i = 0; i < args.size(); ++i) {
    argv[i] = args[i].data();
    lens[i] = args[i].size();
  }
  return redisAsyncCommandArgv(ac, fn, privdata, static_cast<int>(args.size()), argv, lens);
}

}  // namespace kefu::redis::detail
