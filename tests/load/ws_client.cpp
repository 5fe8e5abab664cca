#include "ws_client.h"

#include <netinet/in.h>

#include <deque>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket.hpp>

namespace kefu::load {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

namespace {

#ifndef IP_BIND_ADDRESS_NO_PORT
#define IP_BIND_ADDRESS_NO_PORT 24
#endif
// Binding a source address without this picks the port at bind() time, before the kernel knows
// the destination, so each source could use each port once across all destinations. An Asio
// SettableSocketOption.
struct BindAddressNoPort {
  int value = 1;
  template <typename Protocol>
  int level(const Protocol&) const {
    return IPPROTO_IP;
  }
  template <typename Protocol>
  int name(const Protocol&) const {
    return IP_BIND_ADDRESS_NO_PORT;
  }
  template <typename Protocol>
  const void* data(const Protocol&) const {
    return &value;
  }
  template <typename Protocol>
  std::size_t size(const Protocol&) const {
    return sizeof value;
  }
};

class BeastWsClient final : public WsClient, public std::enable_shared_from_this<BeastWsClient> {
 public:
  BeastWsClient(asio::io_context& io, Handlers handlers)
      : ws_{io}, handlers_{std::move(handlers)} {}

  void connect(const std::string& source_address, const std::string& host,
               std::uint16_t port) override {
    beast::error_code ec;
    auto& socket = ws_.next_layer();
    socket.open(tcp::v4(), ec);
    if (!ec) socket.set_option(BindAddressNoPort{}, ec);
    if (!ec) socket.bind(tcp::endpoint{asio::ip::make_address(source_address, ec), 0}, ec);
    if (ec) return fail("bind " + source_address, ec);
    tcp::endpoint target{asio::ip::make_address(host, ec), port};
    if (ec) return fail("address " + host, ec);
    host_ = host + ":" + std::to_string(port);
    socket.async_connect(target, [self = shared_from_this()](beast::error_code ec) {
      if (ec) return self->fail("connect", ec);
      beast::error_code ignored;
      self->ws_.next_layer().set_option(tcp::no_delay(true), ignored);
      self->ws_.async_handshake(self->host_, "/ws", [self](beast::error_code ec) {
        if (ec) return self->fail("handshake", ec);
        self->ws_.binary(true);
        self->ws_.auto_fragment(false);
        // An agent's welcome lists all its conversations: allow large frames.
        self->ws_.read_message_max(64u << 20);
        self->open_ = true;
        if (self->handlers_.on_open) self->handlers_.on_open();
        self->read();
      });
    });
  }

  void send(std::string bytes) override {
    if (!open_) return;
    queue_.push_back(std::move(bytes));
    if (queue_.size() == 1) write_next();
  }

  void close() override {
    detach();
    open_ = false;
    beast::error_code ignored;
    ws_.next_layer().close(ignored);
  }

  void detach() override { handlers_ = {}; }

 private:
  void read() {
    ws_.async_read(buffer_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return self->fail("read", ec);
      auto data = self->buffer_.cdata();
      if (self->handlers_.on_frame)
        self->handlers_.on_frame(
            std::string_view{static_cast<const char*>(data.data()), data.size()});
      self->buffer_.consume(self->buffer_.size());
      if (self->open_) self->read();
    });
  }

  void write_next() {
    ws_.async_write(asio::buffer(queue_.front()),
                    [self = shared_from_this()](beast::error_code ec, std::size_t) {
                      if (ec) return self->fail("write", ec);
                      self->queue_.pop_front();
                      if (self->open_ && !self->queue_.empty()) self->write_next();
                    });
  }

  // The queue is kept: a write still in flight reads its frame until its handler runs.
  void fail(const std::string& where, beast::error_code ec) {
    open_ = false;
    beast::error_code ignored;
    ws_.next_layer().close(ignored);
    auto closed = std::move(handlers_.on_closed);
    handlers_ = {};
    if (closed) closed(where + ": " + ec.message());
  }

  websocket::stream<tcp::socket> ws_;
  Handlers handlers_;
  beast::flat_buffer buffer_;
  std::deque<std::string> queue_;
  std::string host_;
  bool open_ = false;
};

}  // namespace

std::shared_ptr<WsClient> WsClient::create(asio::io_context& io, Handlers handlers) {
  return std::make_shared<BeastWsClient>(io, std::move(handlers));
}

}  // namespace kefu::load
