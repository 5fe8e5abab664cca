#pragma once
// HTTPS and WSS clients for the TLS end-to-end test (issue 10). They trust only the CA file
// given (the test's self-signed certificate) and check that the certificate is for 127.0.0.1,
// as a browser would. Blocking, with timeouts on reads: this is test code.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "kefu/v1/frames.pb.h"
#include "server_process.h"

namespace kefu::test {

// One request over HTTPS. Throws when the TLS handshake or the certificate check fails.
HttpResult https_request(std::uint16_t port, const std::string& ca_file, const std::string& method,
                         const std::string& target, const std::string& body = {},
                         const std::string& content_type = "application/json");

class WssClient {
 public:
  // Connects, checks the certificate, upgrades /ws. Throws on failure.
  WssClient(std::uint16_t port, const std::string& ca_file);
  ~WssClient();

  void send(const v1::ClientFrame& frame);
  // Reads until a frame matches (earlier ones are dropped), or nothing after the timeout.
  std::optional<v1::ServerFrame> read_until(
      const std::function<bool(const v1::ServerFrame&)>& match,
      std::chrono::milliseconds timeout = std::chrono::seconds(5));
  // Sends the frame with a fresh request id and returns the answer to it.
  std::optional<v1::ServerFrame> request(
      v1::ClientFrame frame, std::chrono::milliseconds timeout = std::chrono::seconds(5));

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kefu::test
