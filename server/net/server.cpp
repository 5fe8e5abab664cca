#include "net/server.h"

#include <spdlog/spdlog.h>
#include <boost/asio/post.hpp>
#include <boost/beast/core/error.hpp>

#include "net/connection.h"

namespace kefu::net {

namespace beast = boost::beast;
using tcp = boost::asio::ip::tcp;

Server::Server(std::vector<WorkerEndpoint> workers, const StaticFiles& files, NetLimits limits,
               std::shared_ptr<boost::asio::ssl::context> tls)
    : workers_{std::move(workers)}, files_{files}, limits_{limits}, tls_{std::move(tls)} {}

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
        const ConnectionEnv env{&worker, &files_, &limits_, &counters_};
        if (tls_)
          serve_tls(std::move(s), *tls_, env);
        else
          serve_plain(std::move(s), env);
      });
    }
    accept();
  });
}

}  // namespace kefu::net
