#include "net/server.h"

#include <spdlog/spdlog.h>
#include <boost/asio/strand.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket/rfc6455.hpp>

#include "auth/origin.h"
#include "net/ws_session.h"

namespace kefu::net {

namespace beast = boost::beast;
namespace http = beast::http;
using tcp = boost::asio::ip::tcp;

namespace {

HttpRequest to_app_request(const UpgradeRequest& req, const tcp::socket& socket) {
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
  beast::error_code ec;
  auto remote = socket.remote_endpoint(ec);
  if (!ec) out.remote_address = remote.address().to_string();
  return out;
}

class HttpSession final : public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(tcp::socket socket, const WorkerEndpoint& worker, const StaticFiles& files,
              const NetLimits& limits, ConnectionCounters& counters)
      : stream_{std::move(socket)},
        worker_{worker},
        files_{files},
        limits_{limits},
        counters_{counters} {}

  void start() { read(); }

 private:
  void read() {
    parser_.emplace();
    parser_->body_limit(limits_.max_http_body_bytes);
    stream_.expires_after(std::chrono::seconds(30));
    http::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
  }

  void on_read(beast::error_code ec) {
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

    if (beast::websocket::is_upgrade(req)) {
      if (path != "/ws")
        return reply(404, "application/json",
                     R"({"error":"not_found","message":"WebSocket is at /ws"})");
      if (!auth::origin_allowed(req[http::field::origin], req[http::field::host],
                                limits_.allowed_origins)) {
        spdlog::info("websocket: upgrade refused for origin {}",
                     std::string{req[http::field::origin]});
        keep_alive_ = false;
        return reply(403, "application/json",
                     R"({"error":"forbidden","message":"this page's origin may not connect"})");
      }
      stream_.expires_never();
      return run_websocket(stream_.release_socket(), std::move(req), worker_, limits_, counters_);
    }

    if (path == "/healthz" || path == "/metrics" || path.starts_with("/api/")) {
      HttpRequest app_req = to_app_request(req, stream_.socket());
      worker_.http->handle(
          app_req, [self = shared_from_this()](HttpResponse res) { self->reply(std::move(res)); });
      return;
    }

    if (req.method() != http::verb::get && req.method() != http::verb::head)
      return reply(405, "application/json", R"({"error":"method_not_allowed"})");
    const StaticFile* file = files_.find(path);
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
    auto msg = std::make_shared<http::response<http::string_body>>(
        static_cast<http::status>(res.status), 11);
    msg->set(http::field::server, "kefu");
    msg->set(http::field::content_type, res.content_type);
    for (auto& [name, value] : res.headers) msg->set(name, value);
    msg->keep_alive(keep_alive_);
    msg->body() = std::move(res.body);
    msg->prepare_payload();
    http::async_write(stream_, *msg,
                      [self = shared_from_this(), msg](beast::error_code ec, std::size_t) {
                        if (ec || !self->keep_alive_) return self->close();
                        self->read();
                      });
  }

  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }

  beast::tcp_stream stream_;
  const WorkerEndpoint& worker_;
  const StaticFiles& files_;
  const NetLimits& limits_;
  ConnectionCounters& counters_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  bool keep_alive_ = true;
};

}  // namespace

Server::Server(std::vector<WorkerEndpoint> workers, const StaticFiles& files, NetLimits limits)
    : workers_{std::move(workers)}, files_{files}, limits_{limits} {}

Server::~Server() = default;

tcp::endpoint Server::listen(const std::string& host, std::uint16_t port) {
  auto address = boost::asio::ip::make_address(host);
  acceptor_ = std::make_unique<tcp::acceptor>(*workers_.front().io);
  tcp::endpoint endpoint{address, port};
  acceptor_->open(endpoint.protocol());
  acceptor_->set_option(tcp::acceptor::reuse_address(true));
  acceptor_->bind(endpoint);
  acceptor_->listen(boost::asio::socket_base::max_listen_connections);
  accept();
  return acceptor_->local_endpoint();
}

void Server::stop_accepting() {
  if (!acceptor_) return;
  boost::asio::post(acceptor_->get_executor(), [this] {
    beast::error_code ignored;
    acceptor_->close(ignored);
  });
}

void Server::accept() {
  const WorkerEndpoint& worker = workers_[next_worker_++ % workers_.size()];
  acceptor_->async_accept(*worker.io, [this, &worker](beast::error_code ec, tcp::socket socket) {
    if (ec == boost::asio::error::operation_aborted) return;
    if (ec) {
      // Out of file descriptors and the like: log, and keep accepting.
      spdlog::warn("accept: {}", ec.message());
    } else {
      socket.set_option(tcp::no_delay(true), ec);
      // The session must start on its own worker's thread.
      boost::asio::post(*worker.io, [this, &worker, s = std::move(socket)]() mutable {
        std::make_shared<HttpSession>(std::move(s), worker, files_, limits_, counters_)->start();
      });
    }
    accept();
  });
}

}  // namespace kefu::net
