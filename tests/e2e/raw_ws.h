#pragma once
// A WebSocket client that writes frames byte by byte (RFC 6455 §5.2), so a test can send
// what no well-behaved library would: unmasked frames, reserved bits and opcodes, broken
// fragmentation, bad close codes. Blocking POSIX sockets with receive timeouts: a frame the
// server never sends fails the test instead of hanging it.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace kefu::test {

namespace opcode {
inline constexpr std::uint8_t kContinuation = 0x0, kText = 0x1, kBinary = 0x2, kClose = 0x8,
                              kPing = 0x9, kPong = 0xA;
}

// One frame as it goes on the wire; every field can be set to a wrong value on purpose.
struct RawFrame {
  bool fin = true;
  std::uint8_t rsv = 0;  // the three reserved bits, 0..7
  std::uint8_t opcode = opcode::kText;
  bool masked = true;  // clients must mask (RFC 6455 §5.3)
  std::string payload;
};

// A frame the server sent.
struct ServerWsFrame {
  bool fin = false;
  std::uint8_t rsv = 0;
  std::uint8_t opcode = 0;
  bool masked = false;
  std::string payload;
  // For a close frame: its code (0 when the payload is empty) and reason.
  int close_code() const;
  std::string close_reason() const;
};

class RawWs {
 public:
  // Connects and upgrades /ws; `extra_headers` are sent as given ("Origin: ...\r\n").
  // Throws std::runtime_error when the server does not answer 101.
  explicit RawWs(std::uint16_t port, const std::string& extra_headers = {},
                 int receive_buffer_bytes = 0);
  ~RawWs();
  RawWs(const RawWs&) = delete;
  RawWs& operator=(const RawWs&) = delete;

  // The HTTP status and headers of a refused upgrade, for tests that expect one: connects,
  // sends the upgrade and returns the whole response head.
  static std::string upgrade_response(std::uint16_t port, const std::string& extra_headers);

  void send(const RawFrame& frame);
  void send_bytes(const std::string& bytes);  // false when the server has gone away
  // Encodes a frame (for tests that split one frame over several writes).
  static std::string encode(const RawFrame& frame);
  // A close frame's payload: the code in network order, then the reason.
  static std::string close_payload(int code, const std::string& reason = {});

  // The next frame, or nothing after the timeout or when the connection is closed.
  std::optional<ServerWsFrame> read(std::chrono::milliseconds timeout = std::chrono::seconds(5));
  // Skips frames until a close frame arrives; its code, or -1 when none came.
  int read_close_code(std::chrono::milliseconds timeout = std::chrono::seconds(5));
  // True once the server has closed the TCP connection (read returns 0 or an error), waiting
  // up to the timeout for it.
  bool tcp_closed(std::chrono::milliseconds timeout = std::chrono::seconds(5));

 private:
  bool fill(std::size_t n, std::chrono::steady_clock::time_point deadline);
  int fd_ = -1;
  std::string in_;  // bytes read and not yet parsed
};

}  // namespace kefu::test
