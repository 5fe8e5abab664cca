#pragma once
// One WebSocket connection of the echo server: accepts the upgrade, then sends every frame
// back as it came (binary or text), one at a time.
#include <boost/asio/ip/tcp.hpp>

namespace kefu::echo {

void run_echo_session(boost::asio::ip::tcp::socket socket);

}  // namespace kefu::echo
