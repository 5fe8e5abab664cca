#include "tls_client.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include "http_exchange.h"

namespace kefu::test {

namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = boost::asio::ssl;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;

namespace {

constexpr const char* kHost = "127.0.0.1";

ssl::context client_context(const std::string& ca_file) {
  ssl::context tls{ssl::context::tls_client};
  tls.set_verify_mode(ssl::verify_peer);
  if (!ca_file.empty()) tls.load_verify_file(ca_file);
  return tls;
}

// TCP connect and the TLS handshake, checking the certificate against the CA and 127.0.0.1.
void connect(TlsStream& stream, std::uint16_t port) {
  stream.set_verify_callback(ssl::host_name_verification(kHost));
  beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(5));
  beast::get_lowest_layer(stream).connect(
      boost::asio::ip::tcp::endpoint{boost::asio::ip::make_address(kHost), port});
  stream.handshake(ssl::stream_base::client);
}

}  // namespace

HttpResult https_request(std::uint16_t port, const std::string& ca_file, const std::string& method,
                         const std::string& target, const std::string& body,
                         const std::string& content_type) {
  boost::asio::io_context io;
  ssl::context tls = client_context(ca_file);
  TlsStream stream{io, tls};
  connect(stream, port);
  HttpResult out = http_exchange(stream, method, target, body, content_type);
  beast::error_code ignored;
  stream.shutdown(ignored);
  return out;
}

struct WssClient::Impl {
  explicit Impl(const std::string& ca_file) : tls{client_context(ca_file)}, ws{io, tls} {}

  boost::asio::io_context io;
  ssl::context tls;
  beast::websocket::stream<TlsStream> ws;
  beast::flat_buffer buffer;
  int requests = 0;
};

WssClient::WssClient(std::uint16_t port, const std::string& ca_file)
    : impl_{std::make_unique<Impl>(ca_file)} {
  connect(impl_->ws.next_layer(), port);
  beast::get_lowest_layer(impl_->ws).expires_never();
  impl_->ws.handshake(std::string{kHost} + ":" + std::to_string(port), "/ws");
  impl_->ws.binary(true);
}

WssClient::~WssClient() {
  beast::error_code ignored;
  beast::get_lowest_layer(impl_->ws).socket().close(ignored);
}

void WssClient::send(const v1::ClientFrame& frame) {
  impl_->ws.write(boost::asio::buffer(frame.SerializeAsString()));
}

std::optional<v1::ServerFrame> WssClient::read_until(
    const std::function<bool(const v1::ServerFrame&)>& match, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    bool done = false;
    beast::error_code read_ec;
    impl_->ws.async_read(impl_->buffer, [&](beast::error_code ec, std::size_t) {
      done = true;
      read_ec = ec;
    });
    impl_->io.restart();
    impl_->io.run_until(deadline);
    if (!done) {
      // Give up: cancel the read and let it finish before the buffer goes away.
      beast::get_lowest_layer(impl_->ws).cancel();
      impl_->io.restart();
      impl_->io.run();
      return std::nullopt;
    }
    if (read_ec) return std::nullopt;
    v1::ServerFrame frame;
    auto data = impl_->buffer.cdata();
    const bool parsed = frame.ParseFromArray(data.data(), static_cast<int>(data.size()));
    impl_->buffer.consume(impl_->buffer.size());
    if (parsed && match(frame)) return frame;
  }
  return std::nullopt;
}

std::optional<v1::ServerFrame> WssClient::request(v1::ClientFrame frame,
                                                  std::chrono::milliseconds timeout) {
  if (frame.request_id().empty()) frame.set_request_id("wss-" + std::to_string(++impl_->requests));
  send(frame);
  const std::string id = frame.request_id();
  return read_until([&](const v1::ServerFrame& f) { return f.request_id() == id; }, timeout);
}

}  // namespace kefu::test
