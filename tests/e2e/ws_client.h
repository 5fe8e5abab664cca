#pragma once
// A real WebSocket client for end-to-end tests (Beast), speaking binary protobuf frames or
// their JSON mapping. Reads take a timeout so a missing frame fails the test instead of
// hanging it.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "kefu/v1/frames.pb.h"

namespace kefu::test {

class WsClient {
 public:
  explicit WsClient(std::uint16_t port, bool json = false);
  ~WsClient();

  void send(const v1::ClientFrame& frame);
  void send_raw(const std::string& bytes, bool text);

  // The next frame, or nothing after the timeout (or when the connection is closed).
  std::optional<v1::ServerFrame> read(std::chrono::milliseconds timeout = std::chrono::seconds(5));
  // Reads until a frame matches; frames before it are dropped.
  std::optional<v1::ServerFrame> read_until(
      const std::function<bool(const v1::ServerFrame&)>& match,
      std::chrono::milliseconds timeout = std::chrono::seconds(5));
  // The answer to request_id (skipping pushed events).
  std::optional<v1::ServerFrame> answer(
      const std::string& request_id, std::chrono::milliseconds timeout = std::chrono::seconds(5));
  // Sends the frame with a fresh request id and returns the answer.
  std::optional<v1::ServerFrame> request(
      v1::ClientFrame frame, std::chrono::milliseconds timeout = std::chrono::seconds(5));

  bool closed() const;
  // The close code the server sent, once closed (0 if none).
  int close_code() const;
  std::string last_text() const;  // the last text frame received, raw

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kefu::test
