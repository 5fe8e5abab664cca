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
    : workers_{std::move(workers)}, files_{files}, limits_{limits}, tls_{std::move(tls)} {
  for (std::size_t i = 0; i < workers_.size(); ++i)
    sessions_.push_back(std::make_unique<LiveSessions>());
}

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

void Server::begin_drain(const DrainNotice& notice, Settle settle) {
  if (draining_.exchange(true)) return;
  if (!acceptor_) return;
  // The acceptor first, on its own thread; the WebSockets after: a client told Draining finds
  // this node refusing connections already.
  boost::asio::post(acceptor_->get_executor(), [this, notice, settle = std::move(settle)] {
    beast::error_code ignored;
    acceptor_->close(ignored);
    tell_workers(notice, settle);
  });
}

void Server::tell_workers(const DrainNotice& notice, const Settle& settle) {
  for (std::size_t i = 0; i < workers_.size(); ++i) {
    boost::asio::post(*workers_[i].io, [this, i, notice, settle] {
      LiveSessions& sessions = *sessions_[i];
      const std::size_t told =
          sessions.for_each([&](DrainableSession& s) { s.begin_drain(notice); });
      spdlog::info("drain: worker {}: {} websockets told to reconnect elsewhere", i, told);
      settle(i, [&sessions, i] {
        const std::size_t closing =
            sessions.for_each([](DrainableSession& s) { s.close_when_flushed(); });
        spdlog::info(
            "drain: worker {}: requests in flight answered; closing {} websockets "
            "(1012) once their queued frames are out",
            i, closing);
      });
    });
  }
}

void Server::accept() {
  const std::size_t index = next_worker_++ % workers_.size();
  const WorkerEndpoint& worker = workers_[index];
  acceptor_->async_accept(
      *worker.io, [this, &worker, index](beast::error_code ec, tcp::socket socket) {
        if (ec == boost::asio::error::operation_aborted) return;
        if (ec) {
          // Out of file descriptors and the like: log, and keep accepting.
          spdlog::warn("accept: {}", ec.message());
        } else {
          socket.set_option(tcp::no_delay(true), ec);
          // The session must start on its own worker's thread.
          boost::asio::post(*worker.io, [this, &worker, index, s = std::move(socket)]() mutable {
            const ConnectionEnv env{
                &worker, &files_, &limits_, &counters_, sessions_[index].get(), &draining_};
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
