#include "http_client.h"

#include <memory>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

namespace kefu::load {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

struct Exchange : std::enable_shared_from_this<Exchange> {
  Exchange(asio::io_context& io, std::function<void(HttpAnswer)> done)
      : socket{io}, done{std::move(done)} {}

  void run(const tcp::endpoint& target) {
    socket.async_connect(target, [self = shared_from_this()](beast::error_code ec) {
      if (ec) return self->finish("connect", ec);
      http::async_write(self->socket, self->request, [self](beast::error_code ec, std::size_t) {
        if (ec) return self->finish("write", ec);
        http::async_read(self->socket, self->buffer, self->response,
                         [self](beast::error_code ec, std::size_t) { self->finish("read", ec); });
      });
    });
  }

  void finish(const char* where, beast::error_code ec) {
    HttpAnswer answer;
    if (ec) {
      answer.error = std::string{where} + ": " + ec.message();
    } else {
      answer.status = static_cast<int>(response.result_int());
      answer.body = std::move(response.body());
    }
    beast::error_code ignored;
    socket.close(ignored);
    done(std::move(answer));
  }

  tcp::socket socket;
  std::function<void(HttpAnswer)> done;
  http::request<http::string_body> request;
  http::response<http::string_body> response;
  beast::flat_buffer buffer;
};

}  // namespace

void post_json(asio::io_context& io, const std::string& host, std::uint16_t port,
               const std::string& path, std::string body, std::function<void(HttpAnswer)> done) {
  auto exchange = std::make_shared<Exchange>(io, std::move(done));
  auto& req = exchange->request;
  req.method(http::verb::post);
  req.target(path);
  req.version(11);
  req.set(http::field::host, host + ":" + std::to_string(port));
  req.set(http::field::content_type, "application/json");
  req.keep_alive(false);
  req.body() = std::move(body);
  req.prepare_payload();
  beast::error_code ec;
  tcp::endpoint target{asio::ip::make_address(host, ec), port};
  if (ec) return exchange->finish("address", ec);
  exchange->run(target);
}

}  // namespace kefu::load
