#include "redis/hiredis_asio.h"

#include <utility>

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

void HiredisAsio::add_read(void* self) {
  auto* events = static_cast<HiredisAsio*>(self);
  events->want_read_ = true;
  events->arm(descriptor_base::wait_read);
}

void HiredisAsio::del_read(void* self) {
  // A wait already started is not cancelled: its completion sees want_read_ == false.
  static_cast<HiredisAsio*>(self)->want_read_ = false;
}

void HiredisAsio::add_write(void* self) {
  auto* events = static_cast<HiredisAsio*>(self);
  events->want_write_ = true;
  events->arm(descriptor_base::wait_write);
}

void HiredisAsio::del_write(void* self) { static_cast<HiredisAsio*>(self)->want_write_ = false; }

void HiredisAsio::cleanup(void* self) {
  auto* events = static_cast<HiredisAsio*>(self);
  // Keep ourselves alive to the end of this function even though hiredis is done with us.
  std::shared_ptr<HiredisAsio> keep = std::move(events->self_);
  redisAsyncContext* ac = std::exchange(events->ac_, nullptr);
  ac->ev = {};  // hiredis calls no hook after cleanup; make sure of it
  // hiredis closes the fd itself: deregister it from the reactor (pending waits complete with
  // operation_aborted) without closing it.
  (void)events->socket_.release();
  std::string_view why = (ac->err != 0 && ac->errstr != nullptr) ? ac->errstr : "";
  if (events->on_gone_) events->on_gone_(why);
}

void HiredisAsio::arm(descriptor_base::wait_type type) {
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
  if (!(is_read ? want_read_ : want_write_)) return;
  auto owner = owner_.lock();
  if (!owner) return;
  // Any other error is left to hiredis: its read/write on the socket reports it and it
  // disconnects. Both calls may free the context (then cleanup() has run and ac_ is null);
  // hiredis re-arms through the hooks itself.
  if (is_read) {
    redisAsyncHandleRead(ac_);
  } else {
    redisAsyncHandleWrite(ac_);
  }
}

}  // namespace kefu::redis
