// kefu-echo-server: a plain Beast WebSocket echo server, the baseline kefu-load measures
// kefu-server against (the same machine, generator and frames, but no application work).
//   kefu-echo-server [--listen HOST:PORT] [--threads N]
// Prints "listening on HOST:PORT" once it accepts connections; stops on SIGINT or SIGTERM.
#include <charconv>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>

#include "echo_session.h"

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

// One io_context per thread, as kefu-server has: a connection lives on one thread, so Beast's
// timers and reads of a connection never run at the same time.
using Contexts = std::vector<std::unique_ptr<asio::io_context>>;

void accept(tcp::acceptor& acceptor, Contexts& contexts, std::size_t next) {
  asio::io_context& io = *contexts[next % contexts.size()];
  acceptor.async_accept(io, [&, next](boost::system::error_code ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted) return;
    if (!ec) {
      socket.set_option(tcp::no_delay(true), ec);
      asio::post(io,
                 [s = std::move(socket)]() mutable { kefu::echo::run_echo_session(std::move(s)); });
    }
    accept(acceptor, contexts, next + 1);
  });
}

int usage() {
  std::cerr << "usage: kefu-echo-server [--listen HOST:PORT] [--threads N]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string listen = "127.0.0.1:9090";
  unsigned threads = 1;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (i + 1 >= argc) return usage();
    std::string value = argv[++i];
    if (arg == "--listen") {
      listen = value;
    } else if (arg == "--threads") {
      auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), threads);
      if (ec != std::errc{} || end != value.data() + value.size() || threads == 0) return usage();
    } else {
      return usage();
    }
  }
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos) return usage();
  unsigned short port = 0;
  const std::string port_text = listen.substr(colon + 1);
  auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (ec != std::errc{} || end != port_text.data() + port_text.size()) return usage();

  try {
    Contexts contexts;
    std::vector<asio::executor_work_guard<asio::io_context::executor_type>> guards;
    for (unsigned t = 0; t < threads; ++t) {
      contexts.push_back(std::make_unique<asio::io_context>(1));
      guards.push_back(asio::make_work_guard(*contexts.back()));
    }
    asio::io_context& io = *contexts.front();
    tcp::acceptor acceptor{io};
    tcp::endpoint endpoint{asio::ip::make_address(listen.substr(0, colon)), port};
    acceptor.open(endpoint.protocol());
    acceptor.set_option(tcp::acceptor::reuse_address(true));
    acceptor.bind(endpoint);
    acceptor.listen(asio::socket_base::max_listen_connections);
    accept(acceptor, contexts, 0);
    asio::signal_set signals{io, SIGINT, SIGTERM};
    signals.async_wait([&contexts](boost::system::error_code, int) {
      for (auto& c : contexts) c->stop();
    });
    const auto bound = acceptor.local_endpoint();
    std::cout << "listening on " << bound.address().to_string() << ":" << bound.port() << std::endl;
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t)
      pool.emplace_back([&contexts, t] { contexts[t]->run(); });
    io.run();
    for (auto& t : pool) t.join();
  } catch (const std::exception& e) {
    std::cerr << "kefu-echo-server: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
