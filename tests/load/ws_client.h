#pragma once
// One WebSocket client connection (Beast), lean enough to hold tens of thousands: connects
// from a chosen loopback source address, shakes hands at /ws, then reads binary frames until
// closed and writes queued frames in order. Its owner gives it callbacks and must detach()
// before it goes away; the connection lives on while Asio still has work for it.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace boost::asio {
class io_context;
}

namespace kefu::load {

class WsClient {
 public:
  struct Handlers {
    std::function<void()> on_open;                   // the handshake is done
    std::function<void(std::string_view)> on_frame;  // a frame's payload (valid during the call)
    std::function<void(const std::string& why)> on_closed;  // failed or closed, not by close()
  };

  static std::shared_ptr<WsClient> create(boost::asio::io_context& io, Handlers handlers);
  virtual ~WsClient() = default;

  // Connects from source_address (an IPv4 literal, port chosen by the kernel) to host:port.
  virtual void connect(const std::string& source_address, const std::string& host,
                       std::uint16_t port) = 0;
  // Queues a binary frame; frames leave in order.
  virtual void send(std::string bytes) = 0;
  // Closes the TCP connection at once (no WebSocket close handshake); no callback follows.
  virtual void close() = 0;
  // Drops the callbacks: nothing is called any more.
  virtual void detach() = 0;
};

}  // namespace kefu::load
