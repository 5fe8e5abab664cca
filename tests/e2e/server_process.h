#pragma once
// The real kefu-server binary, started for a test with its own config file and stopped
// (SIGTERM, then waited for) at the end. Blocking is fine here: this is test code.
#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "kefu/v1/config.pb.h"

namespace kefu::test {

class ServerProcess {
 public:
  // What the constructor waits for: /healthz answering 200, or only the port accepting
  // connections (a server started without Redis, or one that speaks TLS only).
  enum class Ready { Healthy, Listening };

  // Writes config as JSON to a temp dir and starts the server on a free port against
  // redis_url; returns once it is ready. Throws std::runtime_error on failure.
  ServerProcess(const v1::ServerConfig& config, const std::string& redis_url,
                Ready ready = Ready::Healthy);
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  std::uint16_t port() const { return port_; }
  bool alive();
  pid_t pid() const { return pid_; }
  // SIGTERM and wait; returns the exit status as waitpid reports it.
  int stop();
  // Sends a signal and returns at once (issue 9: SIGTERM starts a drain).
  void signal(int sig);
  // Waits up to `timeout` for the process to exit; its status as waitpid reports it, or
  // nothing when it is still running.
  std::optional<int> wait_for_exit(std::chrono::milliseconds timeout);
  // The server's log (stdout and stderr), for a failing test's message.
  std::string log_path() const { return dir_ + "/server.log"; }

 private:
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
  std::string dir_;
};

// A minimal blocking HTTP/1.1 client for tests.
struct HttpResult {
  unsigned status = 0;
  std::string body;
  std::string content_type;
};
using HttpHeaders = std::vector<std::pair<std::string, std::string>>;
HttpResult http_request(std::uint16_t port, const std::string& method, const std::string& target,
                        const std::string& body = {},
                        const std::string& content_type = "application/json",
                        const HttpHeaders& headers = {});

// A value of the server's GET /metrics: `name` with its labels if any, e.g.
// kefu_queue_length{shop="shop1",group="presale"}; -1 when absent.
std::int64_t metric(std::uint16_t port, const std::string& name);

}  // namespace kefu::test
