#pragma once
// A simulated client on the sending side of a scenario: a kefu buyer, or a peer of the echo
// server (the baseline). Scenarios drive both the same way.
#include <cstdint>
#include <functional>
#include <string>

namespace kefu::load {

class SimClient {
 public:
  virtual ~SimClient() = default;

  // Connects from the loopback source address and sets up: the buyer says hello and, when
  // asked to, starts a conversation; the echo peer makes one round trip. on_ready follows
  // when it is done (for the buyer: when an agent holds its conversation), on_failed if not.
  virtual void connect(const std::string& source_address) = 0;
  // Sends one message stamped with its intended send time (steady ns).
  virtual void send_message(std::int64_t intended_ns) = 0;
  // Closes the connection; no callback follows.
  virtual void close() = 0;

  std::function<void()> on_ready;
  std::function<void()> on_failed;
};

}  // namespace kefu::load
