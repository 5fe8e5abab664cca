#pragma once
// Drives one hiredis async context from Asio: hiredis says when it wants to read or write
// (its ev.addRead/addWrite hooks), and we call into it when the socket is ready.
//
// Once connected, the socket is read with async_read_some into our own buffer, fed to
// hiredis's reader, and the replies' callbacks run (what redisAsyncHandleRead does after its
// own read). Writes are posted to the io_context, so every command queued in one handler goes
// out in one write (pipelining), without waiting for writability first. Both avoid an
// epoll_ctl per wait: Asio re-registers a descriptor for every async_wait, which cost four
// epoll_ctl calls per routed message (issue 8's profile, scripts/profile --tool strace). Only a
// write the kernel did not take whole, and the non-blocking connect, wait for the socket with
// async_wait.
//
// Lifetimes: hiredis owns the socket and frees the context itself on disconnect. Its cleanup
// hook is the last call we get: there we release() the descriptor (never close it: hiredis
// closes the fd right after) and tell the owner the context is gone. A HiredisAsio keeps
// itself alive until then, and each pending operation keeps it alive until it completes, so
// a late completion finds a detached object instead of freed memory.
#include <array>
#include <cstddef>
#include <functional>
#include <memory>
#include <string_view>

#include <hiredis/async.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/system/error_code.hpp>

namespace kefu::redis {

class HiredisAsio : public std::enable_shared_from_this<HiredisAsio> {
 public:
  // Called from hiredis's cleanup hook, while the context is still readable (errstr) but
  // about to be freed; the context must not be used after it returns.
  using GoneHandler = std::function<void(std::string_view why)>;

  // Installs the hooks on ac. owner is locked around every call into hiredis, so the object
  // whose callbacks hiredis runs stays alive during them; if it has expired the event is
  // dropped. Returns false (hooks not installed) if the socket cannot be watched.
  static bool attach(boost::asio::io_context& io, redisAsyncContext* ac, std::weak_ptr<void> owner,
                     GoneHandler on_gone);

 private:
  HiredisAsio(boost::asio::io_context& io, redisAsyncContext* ac, std::weak_ptr<void> owner,
              GoneHandler on_gone);

  static void add_read(void* self);
  static void del_read(void* self);
  static void add_write(void* self);
  static void del_write(void* self);
  static void cleanup(void* self);

  bool connected() const;
  void start_read();
  void on_read(const boost::system::error_code& ec, std::size_t bytes);
  void post_write();
  void handle_write();
  void wait(boost::asio::posix::descriptor_base::wait_type type);
  void on_ready(boost::asio::posix::descriptor_base::wait_type type,
                const boost::system::error_code& ec);

  redisAsyncContext* ac_;
  boost::asio::posix::stream_descriptor socket_;
  std::weak_ptr<void> owner_;
  GoneHandler on_gone_;
  std::shared_ptr<HiredisAsio> self_;  // released in cleanup()
  bool want_read_ = false;
  bool want_write_ = false;
  bool read_waiting_ = false;   // an async_read_some or a read async_wait is pending
  bool write_waiting_ = false;  // a write async_wait is pending
  bool write_posted_ = false;
  bool in_handle_write_ = false;
  // hiredis reads 16 KiB at a time too. A few Redis connections per worker, so the memory
  // does not matter.
  std::array<char, 16 * 1024> in_;
};

}  // namespace kefu::redis
