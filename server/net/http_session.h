#pragma once
// One HTTP connection: reads requests, answers /healthz, /metrics and /api/... through the
// worker's HttpHandler and the rest from the built web files, and hands a /ws upgrade to a
// WebSocket session. A template over the stream (plain TCP, or TLS over TCP), instantiated only
// in plain_connection.cpp and tls_connection.cpp (connection.h).
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>

#include <spdlog/spdlog.h>
#include <boost/asio/ssl/stream_base.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/stream_traits.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket/rfc6455.hpp>

#include "auth/origin.h"
#include "net/connection.h"
#include "net/ws_session.h"

namespace kefu::net {

namespace detail {

inline HttpRequest to_app_request(const UpgradeRequest& req,
                                  const boost::asio::ip::tcp::socket& socket) {
  namespace http = boost::beast::http;
  HttpRequest out;
  out.method = std::string{req.method_string()};
  std::string_view target = req.target();
  auto q = target.find('?');
  out.path = std::string{target.substr(0, q)};
  if (q != std::string_view::npos) out.query = std::string{target.substr(q + 1)};
  for (const auto& field : req) {
    std::string name{field.name_string()};
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.headers.emplace_back(std::move(name), std::string{field.value()});
  }
  if (auto it = req.find(http::field::content_type); it != req.end())
    out.content_type = std::string{it->value()};
  out.body = req.body();
  boost::beast::error_code ec;
  auto remote = socket.remote_endpoint(ec);
  if (!ec) out.remote_address = remote.address().to_string();
  return out;
}

}  // namespace detail

// Stream: boost::beast::tcp_stream, or boost::beast::ssl_stream<tcp_stream> (kTls).
template <class Stream>
class HttpSession final : public std::enable_shared_from_this<HttpSession<Stream>> {
  static constexpr bool kTls = !std::is_same_v<Stream, boost::beast::tcp_stream>;

 public:
  HttpSession(Stream stream, const ConnectionEnv& env) : stream_{std::move(stream)}, env_{env} {}
  ~HttpSession() { answered(); }

  void start() { read(); }

  // TLS: the handshake first, with the bytes already read to tell it from plain HTTP.
  void start_tls(boost::beast::flat_buffer initial) {
    static_assert(kTls);
    buffer_ = std::move(initial);
    lowest().expires_after(kHandshakeTimeout);
    stream_.async_handshake(
        boost::asio::ssl::stream_base::server, buffer_.data(),
        // The default for `used`: Boost 1.81's ssl_stream asks a buffered handshake's handler
        // to be callable with the error code alone, then calls it with both.
        [self = this->shared_from_this()](boost::beast::error_code ec, std::size_t used = 0) {
          if (ec) {
            // A broken or abandoned handshake ends this connection only.
            spdlog::debug("tls: handshake failed: {}", ec.message());
            return;
          }
          self->buffer_.consume(used);
          self->read();
        });
  }

 private:
  static constexpr std::chrono::seconds kIdleTimeout{30};
  static constexpr std::chrono::seconds kHandshakeTimeout{10};

  boost::beast::tcp_stream& lowest() { return boost::beast::get_lowest_layer(stream_); }

  void read() {
    namespace http = boost::beast::http;
    parser_.emplace();
    parser_->body_limit(env_.limits->max_http_body_bytes);
    lowest().expires_after(kIdleTimeout);
    http::async_read(stream_, buffer_, *parser_,
                     [self = this->shared_from_this()](boost::beast::error_code ec, std::size_t) {
                       self->on_read(ec);
                     });
  }

  void on_read(boost::beast::error_code ec) {
    namespace beast = boost::beast;
    namespace http = beast::http;
    if (ec == http::error::end_of_stream || ec == beast::error::timeout) return close();
    if (ec == http::error::body_limit) {
      keep_alive_ = false;
      return reply(413, "application/json",
                   R"({"error":"payload_too_large","message":"body over the limit"})");
    }
    if (ec) {
      keep_alive_ = false;
      if (ec != boost::asio::error::operation_aborted && ec != boost::asio::error::connection_reset)
        return reply(400, "application/json",
                     R"({"error":"bad_request","message":"malformed HTTP request"})");
      return close();
    }
    UpgradeRequest req = parser_->release();
    keep_alive_ = req.keep_alive();
    std::string_view target = req.target();
    std::string_view path = target.substr(0, target.find('?'));
    const bool draining = env_.draining && env_.draining->load();
    if (!beast::websocket::is_upgrade(req)) {
      in_flight_ = true;  // until its answer is written: a drain waits for it (issue 9)
      ++env_.counters->http_requests_in_flight;
    }
    if (draining) {
      // Issue 9: this node is going away. The answer closes the connection; a balancer that
      // checks over a connection it keeps open sees /healthz fail and sends nothing more here
      // (new connections are refused: the acceptor is closed).
      keep_alive_ = false;
      if (path == "/healthz")
        return reply(503, "application/json",
                     R"({"status":"draining","message":"this node is shutting down"})");
      if (beast::websocket::is_upgrade(req))
        return reply(503, "application/json",
                     R"({"error":"draining","message":"this node is shutting down: connect to )"
                     R"(another"})");
    }

    if (beast::websocket::is_upgrade(req)) {
      if (path != "/ws")
        return reply(404, "application/json",
                     R"({"error":"not_found","message":"WebSocket is at /ws"})");
      if (!auth::origin_allowed(req[http::field::origin], req[http::field::host],
                                env_.limits->allowed_origins)) {
        spdlog::info("websocket: upgrade refused for origin {}",
                     std::string{req[http::field::origin]});
        keep_alive_ = false;
        return reply(403, "application/json",
                     R"({"error":"forbidden","message":"this page's origin may not connect"})");
      }
      lowest().expires_never();
      return run_websocket(std::move(stream_), std::move(req), env_);
    }

    if (path == "/healthz" || path == "/metrics" || path.starts_with("/api/")) {
      HttpRequest app_req = detail::to_app_request(req, lowest().socket());
      env_.worker->http->handle(app_req, [self = this->shared_from_this()](HttpResponse res) {
        self->reply(std::move(res));
      });
      return;
    }

    if (req.method() != http::verb::get && req.method() != http::verb::head)
      return reply(405, "application/json", R"({"error":"method_not_allowed"})");
    const StaticFile* file = env_.files->find(path);
    if (!file) return reply(404, "text/plain; charset=utf-8", "not found\n");
    HttpResponse res;
    res.content_type = file->content_type;
    res.body = req.method() == http::verb::head ? std::string{} : file->body;
    // Vite puts a content hash in asset names, so those may be cached for long.
    if (path.starts_with("/assets/"))
      res.headers.emplace_back("Cache-Control", "public, max-age=31536000, immutable");
    else
      res.headers.emplace_back("Cache-Control", "no-cache");
    reply(std::move(res));
  }

  void reply(unsigned status, std::string content_type, std::string body) {
    HttpResponse res;
    res.status = status;
    res.content_type = std::move(content_type);
    res.body = std::move(body);
    reply(std::move(res));
  }

  void reply(HttpResponse res) {
    namespace http = boost::beast::http;
    auto msg = std::make_shared<http::response<http::string_body>>(
        static_cast<http::status>(res.status), 11);
    msg->set(http::field::server, "kefu");
    msg->set(http::field::content_type, res.content_type);
    if constexpr (kTls) {
      // Browsers that once reached this host over HTTPS keep to it (issue 10).
      msg->set(http::field::strict_transport_security, "max-age=31536000");
    }
    for (auto& [name, value] : res.headers) msg->set(name, value);
    msg->keep_alive(keep_alive_);
    msg->body() = std::move(res.body);
    msg->prepare_payload();
    http::async_write(
        stream_, *msg,
        [self = this->shared_from_this(), msg](boost::beast::error_code ec, std::size_t) {
          self->answered();
          if (ec || !self->keep_alive_) return self->close();
          self->read();
        });
  }

  // The request read last has its answer written (or the connection failed meanwhile).
  void answered() {
    if (!in_flight_) return;
    in_flight_ = false;
    --env_.counters->http_requests_in_flight;
  }

  void close() {
    boost::beast::error_code ignored;
    if constexpr (kTls) {
      // close_notify, so the client can tell the end from a truncation; bounded in time.
      lowest().expires_after(std::chrono::seconds(5));
      stream_.async_shutdown([self = this->shared_from_this()](boost::beast::error_code) {
        boost::beast::error_code ignored_too;
        self->lowest().socket().close(ignored_too);
      });
    } else {
      lowest().socket().shutdown(boost::asio::ip::tcp::socket::shutdown_send, ignored);
    }
  }

  Stream stream_;
  ConnectionEnv env_;
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  bool keep_alive_ = true;
  bool in_flight_ = false;  // counted in http_requests_in_flight
};

}  // namespace kefu::net
