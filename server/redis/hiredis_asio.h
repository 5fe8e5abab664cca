#pragma once
// Drives one hiredis async context from Asio: hiredis says when it wants to read or write
// (its ev.addRead/addWrite hooks), we wait for the socket with stream_descriptor::async_wait
// and call redisAsyncHandleRead/Write when it is ready.
//
// Lifetimes: hiredis owns the socket and frees the context itself on disconnect. Its cleanup
// hook is the last call we get: there we release() the descriptor (never close it: hiredis
// closes the fd right after) and tell the owner the context is gone. A HiredisAsio keeps
// itself alive until then, and each pending wait keeps it alive until it completes, so a
// late completion finds a detached object instead of freed memory.
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

  void arm(boost::asio::posix::descriptor_base::wait_type type);
  void on_ready(boost::asio::posix::descriptor_base::wait_type type,
                const boost::system::error_code& ec);

  redisAsyncContext* ac_;
  boost::asio::posix::stream_descriptor socket_;
  std::weak_ptr<void> owner_;
  GoneHandler on_gone_;
  std::shared_ptr<HiredisAsio> self_;  // released in cleanup()
  bool want_read_ = false;
  bool want_write_ = false;
  bool read_waiting_ = false;
  bool write_waiting_ = false;
};

}  // namespace kefu::redis
