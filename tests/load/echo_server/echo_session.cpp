#include "echo_session.h"

#include <memory>

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket.hpp>

namespace kefu::echo {

namespace beast = boost::beast;
namespace websocket = beast::websocket;

namespace {

// The same stream type, timeouts and frame limit as kefu-server's sessions, so the baseline
// differs from kefu only by what kefu does with a frame.
class EchoSession : public std::enable_shared_from_this<EchoSession> {
 public:
  explicit EchoSession(boost::asio::ip::tcp::socket socket) : ws_{std::move(socket)} {}

  void start() {
    ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
    ws_.read_message_max(64 * 1024);
    ws_.async_accept([self = shared_from_this()](beast::error_code ec) {
      if (!ec) self->read();
    });
  }

 private:
  void read() {
    ws_.async_read(buffer_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return;
      self->ws_.text(self->ws_.got_text());
      self->ws_.async_write(self->buffer_.data(), [self](beast::error_code ec, std::size_t) {
        if (ec) return;
        self->buffer_.consume(self->buffer_.size());
        self->read();
      });
    });
  }

  websocket::stream<beast::tcp_stream> ws_;
  beast::flat_buffer buffer_;
};

}  // namespace

void run_echo_session(boost::asio::ip::tcp::socket socket) {
  std::make_shared<EchoSession>(std::move(socket))->start();
}

}  // namespace kefu::echo
