#pragma once
// Shared pieces of the Redis client tests: a real io_context run in the test thread until a
// condition holds (bounded by a deadline), and a fixture on the per-process redis-server.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include "redis/client.h"
#include "support/redis_server.h"

namespace kefu::redis::itest {

using namespace std::chrono_literals;

// Runs io until pred() holds or the deadline passes; returns pred(). Runs in short slices
// so a pred() that looks at the outside world (the test server) is re-checked even when no
// handler is ready.
template <class Pred>
bool run_until(boost::asio::io_context& io, Pred pred, std::chrono::milliseconds limit = 5s) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!pred()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    io.run_one_for(10ms);
    if (io.stopped()) io.restart();
  }
  return true;
}

inline Endpoint endpoint_of(const test::RedisServer& server, int db = 0) {
  Endpoint e;
  EXPECT_TRUE(Endpoint::parse(server.url(), e));
  e.db = db;
  return e;
}

// How many times the server ran `command` since its start or CONFIG RESETSTAT (INFO
// commandstats; "0" when never). Subcommands as Redis names them: "script|load".
inline std::string calls_of(test::RedisServer& server, std::string_view command) {
  const std::string stats = server.command_str({"INFO", "commandstats"});
  const std::string field = "cmdstat_" + std::string(command) + ":calls=";
  auto at = stats.find(field);
  if (at == std::string::npos) return "0";
  at += field.size();
  return stats.substr(at, stats.find(',', at) - at);
}

// Options for tests that restart servers: retry fast so tests stay quick.
inline Options fast_retry() {
  Options o;
  o.backoff_min = 10ms;
  o.backoff_max = 100ms;
  o.connect_timeout = 1000ms;
  return o;
}

class RedisClientTest : public ::testing::Test {
 protected:
  void SetUp() override { server().flushall(); }

  virtual test::RedisServer& server() { return test::RedisServer::shared(); }

  std::unique_ptr<Client> connect(Options options = {}, int db = 0) {
    auto client = std::make_unique<Client>(io_, endpoint_of(server(), db), options);
    client->start();
    EXPECT_TRUE(itest::run_until(io_, [&] { return client->connected(); })) << "no connection";
    return client;
  }

  // Sends one command and runs the io_context until its reply arrives.
  Reply call(Client& client, std::initializer_list<std::string_view> args) {
    std::optional<Reply> reply;
    client.command(args, [&](const Reply& r) { reply = r; });
    EXPECT_TRUE(itest::run_until(io_, [&] { return reply.has_value(); })) << "no reply";
    return reply.value_or(Reply::error("test: no reply"));
  }

  template <class Pred>
  bool run_until(Pred pred, std::chrono::milliseconds limit = 5s) {
    return itest::run_until(io_, pred, limit);
  }

  boost::asio::io_context io_;
  // Keeps run_one_for() waiting for its slice instead of returning when no work is queued.
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_{
      io_.get_executor()};
};

}  // namespace kefu::redis::itest
