#pragma once
// A real redis-server for tests: started on a free loopback port in a fresh temporary
// directory, stopped (SIGTERM + waitpid) when this object goes away. Independent of
// GoogleTest so end-to-end tests and tools can use it too. Blocking calls are fine here:
// this is test support, never run on a server I/O thread.
#include <sys/types.h>

#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

struct redisContext;

namespace kefu::test {

// A TCP port on 127.0.0.1 that was free a moment ago (bound to port 0, then closed).
std::uint16_t free_port();

class RedisServer {
 public:
  // None: nothing written to disk (fast; the usual test server). AppendOnly: AOF with
  // appendfsync everysec as the shipped scripts/redis/redis.conf, so a restart keeps the data.
  // AppendOnlyFsyncAlways: AOF with appendfsync always (an fsync before each reply).
  enum class Persistence { None, AppendOnly, AppendOnlyFsyncAlways };

  // Starts redis-server on port (0: pick a free one). Throws std::runtime_error if it does
  // not answer PING within a few seconds.
  // extra_args go to redis-server's command line as they are (e.g. cluster mode, issue 9).
  explicit RedisServer(std::uint16_t port = 0, Persistence persistence = Persistence::None,
                       std::vector<std::string> extra_args = {});
  ~RedisServer();
  RedisServer(const RedisServer&) = delete;
  RedisServer& operator=(const RedisServer&) = delete;

  // One server per test process, started on first use and stopped at exit.
  static RedisServer& shared();

  std::uint16_t port() const { return port_; }
  std::string url() const;  // "redis://127.0.0.1:<port>"
  bool running() const { return pid_ > 0; }

  // Stops the server (SIGTERM, then waits for it): its clients see the connection drop.
  void stop();
  // SIGKILL, as a crash: Redis writes nothing more (what it wrote to its AOF stays, in the
  // OS's page cache if not yet fsynced). Its clients see the connection drop.
  void kill();
  // Starts it again on the same port (after stop() or kill()), waiting until it answers PING.
  void start();

  void flushall();

  // Runs one command on a blocking connection (database 0) and renders the reply as text:
  // strings, statuses and errors as themselves, integers in decimal, nil as "(nil)", arrays
  // as their elements rendered and joined with '\n'.
  std::string command_str(std::initializer_list<std::string> args);
  // The same for an array reply: its elements rendered one by one.
  std::vector<std::string> command_array(std::initializer_list<std::string> args);
  // The same with arguments made at run time.
  std::string command_str(const std::vector<std::string>& args);
  std::vector<std::string> command_array(const std::vector<std::string>& args);

 private:
  void spawn();
  void wait_until_ready();
  void disconnect();
  redisContext* connection();
  void* run(const std::vector<std::string>& args);  // returns an owned redisReply*

  std::uint16_t port_ = 0;
  Persistence persistence_ = Persistence::None;
  std::vector<std::string> extra_args_;
  pid_t pid_ = -1;
  std::string dir_;
  redisContext* sync_ = nullptr;
};

}  // namespace kefu::test
