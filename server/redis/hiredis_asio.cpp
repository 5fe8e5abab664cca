#include "redis/hiredis_asio.h"

#include <utility>

#include <boost/asio/post.hpp>

// Exported by libhiredis (async.c) and what redisAsyncHandleRead calls after feeding its
// reader, but not declared in hiredis 0.14's headers: runs the callbacks of complete replies,
// and disconnects on a protocol error.
extern "C" void redisProcessCallbacks(redisAsyncContext* ac);

namespace kefu::redis {

using boost::asio::posix::descriptor_base;

bool HiredisAsio::attach(boost::asio::io_context& io, redisAsyncContext* ac,
                         std::weak_ptr<void> owner, GoneHandler on_gone) {
  std::shared_ptr<HiredisAsio> events(
      new HiredisAsio(io, ac, std::move(owner), std::move(on_gone)));
  boost::system::error_code ec;
  events->socket_.assign(ac->c.fd, ec);
  if (ec) return false;
  events->self_ = events;
  ac->ev.data = events.get();
  ac->ev.addRead = &HiredisAsio::add_read;
  ac->ev.delRead = &HiredisAsio::del_read;
  ac->ev.addWrite = &HiredisAsio::add_write;
  ac->ev.delWrite = &HiredisAsio::del_write;
  ac->ev.cleanup = &HiredisAsio::cleanup;
  return true;
}

HiredisAsio::HiredisAsio(boost::asio::io_context& io, redisAsyncContext* ac,
                         std::weak_ptr<void> owner, GoneHandler on_gone)
    : ac_(ac), socket_(io), owner_(std::move(owner)), on_gone_(std::move(on_gone)) {}

bool HiredisAsio::connected() const {
  return ac_ != nullptr && (ac_->c.flags & REDIS_CONNECTED) != 0;
}

void HiredisAsio::add_read(void* self) {
  auto* events = static_cast<HiredisAsio*>(self);
  events->want_read_ = true;
  events->start_read();
}

void HiredisAsio::del_read(void* self) {
  // A read already started is not cancelled: its completion sees want_read_ == false.
  static_cast<HiredisAsio*>(self)->want_read_ = false;
}

void HiredisAsio::add_write(void* self) {
  auto* events = static_cast<HiredisAsio*>(self);
  events->want_write_ = true;
  // While hiredis is writing, a second request means the kernel did not take everything:
  // wait until the socket is writable again. Before the connect completes, writability is
  // how the connect's outcome is learnt.
  if (events->in_handle_write_ || !events->connected()) {
    events->wait(descriptor_base::wait_write);
  } else {
    events->post_write();
  }
}

void HiredisAsio::del_write(void* self) { static_cast<HiredisAsio*>(self)->want_write_ = false; }

void HiredisAsio::cleanup(void* self) {
  auto* events = static_cast<HiredisAsio*>(self);
  // Keep ourselves alive to the end of this function even though hiredis is done with us.
  std::shared_ptr<HiredisAsio> keep = std::move(events->self_);
  redisAsyncContext* ac = std::exchange(events->ac_, nullptr);
  ac->ev = {};  // hiredis calls no hook after cleanup; make sure of it
  // hiredis closes the fd itself: deregister it from the reactor (pending operations complete
  // with operation_aborted) without closing it.
  (void)events->socket_.release();
  std::string_view why = (ac->err != 0 && ac->errstr != nullptr) ? ac->errstr : "";
  if (events->on_gone_) events->on_gone_(why);
}

void HiredisAsio::start_read() {
  if (read_waiting_ || ac_ == nullptr) return;
  if (!connected()) return wait(descriptor_base::wait_read);
  read_waiting_ = true;
  socket_.async_read_some(
      boost::asio::buffer(in_),
      [self = shared_from_this()](const boost::system::error_code& ec, std::size_t bytes) {
        self->on_read(ec, bytes);
      });
}

void HiredisAsio::on_read(const boost::system::error_code& ec, std::size_t bytes) {
  read_waiting_ = false;
  if (ec == boost::asio::error::operation_aborted || ac_ == nullptr) return;
  auto owner = owner_.lock();
  if (!owner) return;
  if (ec || bytes == 0) {
    // End of stream or a socket error: hiredis reads the socket itself, gets the same answer,
    // and disconnects with its own error text ("Server closed the connection", ...).
    redisAsyncHandleRead(ac_);
    return;
  }
  // A reader already in error refuses more bytes; the callbacks below find that error and
  // disconnect.
  (void)redisReaderFeed(ac_->c.reader, in_.data(), bytes);
  redisProcessCallbacks(ac_);  // may free the context: then cleanup() has set ac_ to null
  if (want_read_) start_read();
}

void HiredisAsio::post_write() {
  if (write_posted_ || ac_ == nullptr) return;
  write_posted_ = true;
  boost::asio::post(socket_.get_executor(), [self = shared_from_this()] {
    self->write_posted_ = false;
    self->handle_write();
  });
}

void HiredisAsio::handle_write() {
  if (ac_ == nullptr || !want_write_) return;
  auto owner = owner_.lock();
  if (!owner) return;
  // May free the context (then cleanup() has run and ac_ is null); hiredis asks for what it
  // wants next through the hooks itself.
  in_handle_write_ = true;
  redisAsyncHandleWrite(ac_);
  in_handle_write_ = false;
}

void HiredisAsio::wait(descriptor_base::wait_type type) {
  bool& waiting = type == descriptor_base::wait_read ? read_waiting_ : write_waiting_;
  if (waiting || ac_ == nullptr) return;
  waiting = true;
  socket_.async_wait(type, [self = shared_from_this(), type](const boost::system::error_code& ec) {
    self->on_ready(type, ec);
  });
}

void HiredisAsio::on_ready(descriptor_base::wait_type type, const boost::system::error_code& ec) {
  const bool is_read = type == descriptor_base::wait_read;
  (is_read ? read_waiting_ : write_waiting_) = false;
  if (ec == boost::asio::error::operation_aborted || ac_ == nullptr) return;
  if (is_read) {
    if (!want_read_) return;
    auto owner = owner_.lock();
    if (!owner) return;
    // Any other error is left to hiredis: its read on the socket reports it and it
    // disconnects. hiredis asks for the next read itself.
    redisAsyncHandleRead(ac_);
  } else {
    handle_write();
  }
}

}  // namespace kefu::redis
