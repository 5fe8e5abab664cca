#pragma once
// What an accepted connection needs, and the two ways to serve one: plain HTTP/WebSocket, or
// HTTPS/WSS. Each is compiled in its own translation unit (plain_connection.cpp,
// tls_connection.cpp), the only two that instantiate Beast's HTTP and WebSocket templates: once
// over a TCP stream, once over a TLS stream (issue 10; two cores build this).
#include <boost/asio/ip/tcp.hpp>

#include "net/server.h"

namespace boost::asio::ssl {
class context;
}

namespace kefu::net {

struct ConnectionEnv {
  const WorkerEndpoint* worker = nullptr;
  const StaticFiles* files = nullptr;
  const NetLimits* limits = nullptr;
  ConnectionCounters* counters = nullptr;
  LiveSessions* sessions = nullptr;             // the worker's WebSockets (issue 9, drain)
  const std::atomic<bool>* draining = nullptr;  // the node is draining (issue 9)
};

// Both run on the connection's worker thread and return at once; the connection lives on.
void serve_plain(boost::asio::ip::tcp::socket socket, const ConnectionEnv& env);
// A connection that does not start with a TLS handshake is answered 400 in plain text and
// closed, so a browser or tool pointed at http:// learns why.
void serve_tls(boost::asio::ip::tcp::socket socket, boost::asio::ssl::context& tls,
               const ConnectionEnv& env);

}  // namespace kefu::net
