#pragma once
// One WebSocket connection: reads frames, decodes them for its ClientSession, and writes
// what the session sends, in order, through a bounded queue.
#include <memory>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "net/server.h"

namespace kefu::net {

using UpgradeRequest = boost::beast::http::request<boost::beast::http::string_body>;

// Takes over the socket and the upgrade request; runs until the connection closes.
void run_websocket(boost::asio::ip::tcp::socket socket, UpgradeRequest request,
                   const WorkerEndpoint& worker, const NetLimits& limits,
                   ConnectionCounters& counters);

}  // namespace kefu::net
