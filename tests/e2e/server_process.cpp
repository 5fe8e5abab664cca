#include "server_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <thread>

#include <google/protobuf/util/json_util.h>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "http_exchange.h"
#include "support/redis_server.h"

namespace kefu::test {

namespace beast = boost::beast;
namespace http = beast::http;

namespace {
bool accepts_connections(std::uint16_t port) {
  boost::asio::io_context io;
  boost::asio::ip::tcp::socket socket{io};
  boost::system::error_code ec;
  socket.connect({boost::asio::ip::make_address("127.0.0.1"), port}, ec);
  return !ec;
}
}  // namespace

ServerProcess::ServerProcess(const v1::ServerConfig& config, const std::string& redis_url,
                             Ready ready) {
  char tmpl[] = "/tmp/kefu-e2e-XXXXXX";
  if (!mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
  dir_ = tmpl;
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(config, &json);
  const std::string config_path = dir_ + "/config.json";
  std::ofstream(config_path) << json;
  port_ = free_port();
  const std::string listen = "127.0.0.1:" + std::to_string(port_);
  const std::string log_path = dir_ + "/server.log";
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    int fd = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
      dup2(fd, 1);
      dup2(fd, 2);
    }
    execl(KEFU_SERVER_BINARY, "kefu-server", "--config", config_path.c_str(), "--listen",
          listen.c_str(), "--redis", redis_url.c_str(), "--threads", "2", "--web-root",
          dir_.c_str(), "--test-clock", static_cast<char*>(nullptr));
    _exit(127);
  }
  // Wait for /healthz: polling is how a supervisor would check it too.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  while (std::chrono::steady_clock::now() < deadline) {
    if (!alive()) throw std::runtime_error("kefu-server exited at start; log: " + log_path);
    try {
      if (ready == Ready::Listening ? accepts_connections(port_)
                                    : http_request(port_, "GET", "/healthz").status == 200)
        return;
    } catch (const std::exception&) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  stop();
  throw std::runtime_error("kefu-server did not become healthy; log: " + log_path);
}

ServerProcess::~ServerProcess() {
  stop();
  if (!std::getenv("KEFU_KEEP_TEST_DIRS")) {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
}

bool ServerProcess::alive() {
  if (pid_ <= 0) return false;
  int status = 0;
  if (waitpid(pid_, &status, WNOHANG) == pid_) {
    pid_ = -1;
    return false;
  }
  return true;
}

int ServerProcess::stop() {
  if (pid_ <= 0) return 0;
  kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return status;
}

void ServerProcess::signal(int sig) {
  if (pid_ > 0) kill(pid_, sig);
}

std::optional<int> ServerProcess::wait_for_exit(std::chrono::milliseconds timeout) {
  if (pid_ <= 0) return std::nullopt;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return status;
    }
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

HttpResult http_request(std::uint16_t port, const std::string& method, const std::string& target,
                        const std::string& body, const std::string& content_type,
                        const HttpHeaders& headers) {
  boost::asio::io_context io;
  beast::tcp_stream stream{io};
  stream.connect(boost::asio::ip::tcp::endpoint{boost::asio::ip::make_address("127.0.0.1"), port});
  HttpResult out = http_exchange(stream, method, target, body, content_type, headers);
  beast::error_code ec;
  stream.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_both, ec);
  return out;
}

std::int64_t metric(std::uint16_t port, const std::string& name) {
  const std::string body = http_request(port, "GET", "/metrics").body;
  const auto at = body.find("\n" + name + " ");
  if (at == std::string::npos) return -1;
  return std::stoll(body.substr(at + name.size() + 2));
}

}  // namespace kefu::test
