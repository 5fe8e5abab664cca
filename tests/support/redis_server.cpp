#include "support/redis_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <hiredis/hiredis.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace kefu::test {

namespace {

using namespace std::chrono_literals;

std::string find_redis_server() {
  if (const char* path = std::getenv("PATH")) {
    std::stringstream dirs(path);
    std::string dir;
    while (std::getline(dirs, dir, ':')) {
      if (dir.empty()) continue;
      std::string candidate = dir + "/redis-server";
      if (::access(candidate.c_str(), X_OK) == 0) return candidate;
    }
  }
  return "/usr/bin/redis-server";
}

std::string make_temp_dir() {
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern =
      std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/kefu-redis-XXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  return pattern;
}

std::string render(const redisReply& r) {
  switch (r.type) {
    case REDIS_REPLY_STRING:
    case REDIS_REPLY_STATUS:
    case REDIS_REPLY_ERROR:
      return std::string(r.str, r.len);
    case REDIS_REPLY_INTEGER:
      return std::to_string(r.integer);
    case REDIS_REPLY_ARRAY: {
      std::string out;
      for (std::size_t i = 0; i < r.elements; ++i) {
        if (i > 0) out += '\n';
        out += render(*r.element[i]);
      }
      return out;
    }
    default:
      return "(nil)";
  }
}

std::string read_file_tail(const std::string& path) {
  std::ifstream in(path);
  std::stringstream all;
  all << in.rdbuf();
  std::string text = all.str();
  return text.size() > 2000 ? text.substr(text.size() - 2000) : text;
}

struct ReplyDeleter {
  void operator()(redisReply* r) const { freeReplyObject(r); }
};
using ReplyPtr = std::unique_ptr<redisReply, ReplyDeleter>;

}  // namespace

std::uint16_t free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error("socket() failed");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ::close(fd);
    throw std::runtime_error("cannot bind a loopback port");
  }
  ::close(fd);
  return ntohs(addr.sin_port);
}

RedisServer::RedisServer(std::uint16_t port, Persistence persistence,
                         std::vector<std::string> extra_args)
    : persistence_(persistence), extra_args_(std::move(extra_args)), dir_(make_temp_dir()) {
  // With a port of our own choosing another process may grab it between free_port() and
  // redis binding it: then try another one.
  const int tries = port == 0 ? 5 : 1;
  for (int i = 0;; ++i) {
    port_ = port != 0 ? port : free_port();
    try {
      start();
      return;
    } catch (const std::exception&) {
      if (i + 1 >= tries) {
        std::error_code ignored;
        std::filesystem::remove_all(dir_, ignored);
        throw;
      }
    }
  }
}

RedisServer::~RedisServer() {
  stop();
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

RedisServer& RedisServer::shared() {
  static RedisServer server;
  return server;
}

std::string RedisServer::url() const { return "redis://127.0.0.1:" + std::to_string(port_); }

void RedisServer::start() {
  if (pid_ > 0) return;
  spawn();
  wait_until_ready();
}

void RedisServer::spawn() {
  const std::string binary = find_redis_server();
  const std::string port = std::to_string(port_);
  const std::string logfile = dir_ + "/redis.log";
  const bool aof = persistence_ != Persistence::None;
  const bool always = persistence_ == Persistence::AppendOnlyFsyncAlways;
  std::vector<std::string> args = {binary,
                                   "--port",
                                   port,
                                   "--bind",
                                   "127.0.0.1",
                                   "--save",
                                   "",
                                   "--appendonly",
                                   aof ? "yes" : "no",
                                   "--appendfsync",
                                   always ? "always" : "everysec",
                                   "--dir",
                                   dir_,
                                   "--logfile",
                                   logfile,
                                   "--daemonize",
                                   "no"};
  args.insert(args.end(), extra_args_.begin(), extra_args_.end());
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);

  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    // Only async-signal-safe calls until exec. The server dies with the test process even if
    // that is killed (ctest timeout), so no redis-server is left behind.
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (::getppid() != parent) ::_exit(1);
    ::close_range(3, ~0U, 0);  // do not hold the test's sockets open
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  pid_ = pid;
}

void RedisServer::wait_until_ready() {
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (true) {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("redis-server exited on port " + std::to_string(port_) + ":\n" +
                               read_file_tail(dir_ + "/redis.log"));
    }
    timeval timeout{0, 200'000};
    redisContext* c = redisConnectWithTimeout("127.0.0.1", port_, timeout);
    if (c != nullptr && c->err == 0) {
      ReplyPtr pong(static_cast<redisReply*>(redisCommand(c, "PING")));
      if (pong && pong->type == REDIS_REPLY_STATUS && std::string_view(pong->str) == "PONG") {
        disconnect();
        sync_ = c;
        return;
      }
    }
    if (c != nullptr) redisFree(c);
    if (std::chrono::steady_clock::now() > deadline) {
      stop();
      throw std::runtime_error("redis-server did not answer PING on port " + std::to_string(port_));
    }
    // Polling a starting process: the only wait here is for an external program.
    std::this_thread::sleep_for(10ms);
  }
}

void RedisServer::stop() {
  disconnect();
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  int status = 0;
  while (::waitpid(pid_, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &status, 0);
      break;
    }
    std::this_thread::sleep_for(5ms);
  }
  pid_ = -1;
}

void RedisServer::kill() {
  disconnect();
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
}

void RedisServer::disconnect() {
  if (sync_ != nullptr) redisFree(sync_);
  sync_ = nullptr;
}

redisContext* RedisServer::connection() {
  if (sync_ != nullptr && sync_->err == 0) return sync_;
  disconnect();
  timeval timeout{2, 0};
  sync_ = redisConnectWithTimeout("127.0.0.1", port_, timeout);
  if (sync_ == nullptr || sync_->err != 0) {
    std::string why = sync_ != nullptr ? sync_->errstr : "out of memory";
    disconnect();
    throw std::runtime_error("cannot connect to test redis: " + why);
  }
  return sync_;
}

void* RedisServer::run(const std::vector<std::string>& args) {
  std::vector<const char*> argv;
  std::vector<std::size_t> lens;
  for (const auto& arg : args) {
    argv.push_back(arg.data());
    lens.push_back(arg.size());
  }
  // One retry on a fresh connection: the server may have been restarted since the last use.
  for (int attempt = 0; attempt < 2; ++attempt) {
    redisContext* c = connection();
    void* reply = redisCommandArgv(c, static_cast<int>(argv.size()), argv.data(), lens.data());
    if (reply != nullptr) return reply;
    disconnect();
  }
  throw std::runtime_error("test redis command failed");
}

std::string RedisServer::command_str(std::initializer_list<std::string> args) {
  return command_str(std::vector<std::string>(args));
}

std::vector<std::string> RedisServer::command_array(std::initializer_list<std::string> args) {
  return command_array(std::vector<std::string>(args));
}

std::string RedisServer::command_str(const std::vector<std::string>& args) {
  ReplyPtr reply(static_cast<redisReply*>(run(args)));
  return render(*reply);
}

std::vector<std::string> RedisServer::command_array(const std::vector<std::string>& args) {
  ReplyPtr reply(static_cast<redisReply*>(run(args)));
  std::vector<std::string> out;
  if (reply->type == REDIS_REPLY_ARRAY) {
    for (std::size_t i = 0; i < reply->elements; ++i) out.push_back(render(*reply->element[i]));
  } else {
    out.push_back(render(*reply));
  }
  return out;
}

void RedisServer::flushall() {
  const std::string reply = command_str({"FLUSHALL"});
  if (reply != "OK") throw std::runtime_error("FLUSHALL failed: " + reply);
}

}  // namespace kefu::test
