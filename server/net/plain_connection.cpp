// Plain HTTP and WebSocket (ws://): the sessions' templates instantiated over a TCP stream.
#include <boost/beast/core/tcp_stream.hpp>

#include "net/connection.h"
#include "net/http_session.h"

namespace kefu::net {

void serve_plain(boost::asio::ip::tcp::socket socket, const ConnectionEnv& env) {
  std::make_shared<HttpSession<boost::beast::tcp_stream>>(
      boost::beast::tcp_stream{std::move(socket)}, env)
      ->start();
}

}  // namespace kefu::net
