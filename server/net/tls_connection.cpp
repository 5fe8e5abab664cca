// HTTPS and WSS (issue 10): the sessions' templates instantiated over a TLS stream, and the
// first bytes of a connection looked at to answer a plain-HTTP client in words it can read.
#include <string>

#include <boost/asio/ssl.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/detect_ssl.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include "net/connection.h"
#include "net/http_session.h"

namespace kefu::net {

namespace {

namespace beast = boost::beast;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;

// A client that does not open with a TLS handshake (http:// on an https:// port, or anything
// else) gets this, in plain text, and the connection is closed.
const std::string& plain_http_refusal() {
  static const std::string response = [] {
    const std::string body = "this port speaks HTTPS only: use https:// (and wss:// for /ws)\n";
    return "HTTP/1.1 400 Bad Request\r\nServer: kefu\r\n"
           "Content-Type: text/plain; charset=utf-8\r\nConnection: close\r\n"
           "Content-Length: " +
           std::to_string(body.size()) + "\r\n\r\n" + body;
  }();
  return response;
}

class TlsDetect final : public std::enable_shared_from_this<TlsDetect> {
 public:
  TlsDetect(boost::asio::ip::tcp::socket socket, boost::asio::ssl::context& tls,
            const ConnectionEnv& env)
      : stream_{std::move(socket)}, tls_{tls}, env_{env} {}

  void start() {
    // A client that connects and says nothing is not kept: the handshake's own time limit.
    stream_.expires_after(std::chrono::seconds(10));
    beast::async_detect_ssl(stream_, buffer_,
                            [self = shared_from_this()](beast::error_code ec, bool is_tls) {
                              if (ec) return self->close();
                              if (!is_tls) return self->refuse_plain();
                              std::make_shared<HttpSession<TlsStream>>(
                                  TlsStream{std::move(self->stream_), self->tls_}, self->env_)
                                  ->start_tls(std::move(self->buffer_));
                            });
  }

 private:
  void refuse_plain() {
    boost::asio::async_write(stream_, boost::asio::buffer(plain_http_refusal()),
                             [self = shared_from_this()](beast::error_code ec, std::size_t) {
                               if (ec) return self->close();
                               beast::error_code ignored;
                               self->stream_.socket().shutdown(
                                   boost::asio::ip::tcp::socket::shutdown_send, ignored);
                               self->drain();
                             });
  }

  // Reads what the client still sends until it closes: closing a socket with unread bytes
  // would reset the connection, and the client might lose the answer before reading it.
  void drain() {
    buffer_.clear();
    stream_.async_read_some(buffer_.prepare(4096),
                            [self = shared_from_this()](beast::error_code ec, std::size_t) {
                              if (ec) return self->close();  // EOF, or the time limit
                              self->drain();
                            });
  }

  void close() {
    beast::error_code ignored;
    stream_.socket().close(ignored);
  }

  beast::tcp_stream stream_;
  boost::asio::ssl::context& tls_;
  ConnectionEnv env_;
  beast::flat_buffer buffer_;
};

}  // namespace

void serve_tls(boost::asio::ip::tcp::socket socket, boost::asio::ssl::context& tls,
               const ConnectionEnv& env) {
  std::make_shared<TlsDetect>(std::move(socket), tls, env)->start();
}

}  // namespace kefu::net
