// Commands, reply types, pipelining, the pending bound and shutdown against a real Redis.
#include <optional>
#include <string>
#include <vector>

#include "redis_fixture.h"

namespace kefu::redis::itest {
namespace {

using Type = Reply::Type;

TEST_F(RedisClientTest, RepliesOfEveryType) {
  auto client = connect();

  Reply status = call(*client, {"SET", "greeting", "你好"});
  EXPECT_EQ(status.type, Type::Status);
  EXPECT_EQ(status.str, "OK");

  Reply string = call(*client, {"GET", "greeting"});
  EXPECT_EQ(string.type, Type::String);
  EXPECT_EQ(string.str, "你好");

  Reply nil = call(*client, {"GET", "missing"});
  EXPECT_TRUE(nil.is_nil());

  Reply integer = call(*client, {"INCRBY", "counter", "41"});
  EXPECT_EQ(integer.type, Type::Integer);
  EXPECT_EQ(integer.integer, 41);

  call(*client, {"RPUSH", "list", "a", "b", "c"});
  Reply array = call(*client, {"LRANGE", "list", "0", "-1"});
  ASSERT_EQ(array.type, Type::Array);
  ASSERT_EQ(array.elements.size(), 3u);
  EXPECT_EQ(array.elements[0].str, "a");
  EXPECT_EQ(array.elements[2].str, "c");

  Reply nested = call(*client, {"EVAL", "return {1, 'two', {3}}", "0"});
  ASSERT_EQ(nested.type, Type::Array);
  ASSERT_EQ(nested.elements.size(), 3u);
  EXPECT_EQ(nested.elements[0].integer, 1);
  EXPECT_EQ(nested.elements[1].str, "two");
  ASSERT_EQ(nested.elements[2].type, Type::Array);
  EXPECT_EQ(nested.elements[2].elements[0].integer, 3);

  // A Redis error is an error, but not "unavailable": the command did run.
  Reply error = call(*client, {"INCR", "greeting"});
  EXPECT_TRUE(error.is_error());
  EXPECT_FALSE(error.is_unavailable());
  EXPECT_NE(error.str.find("not an integer"), std::string::npos) << error.str;

  Reply unknown = call(*client, {"NO_SUCH_COMMAND"});
  EXPECT_TRUE(unknown.is_error());
  EXPECT_FALSE(unknown.is_unavailable());
}

TEST_F(RedisClientTest, ArgumentsAreBinarySafe) {
  auto client = connect();
  const std::string value("a\0b\r\nc", 6);
  EXPECT_EQ(call(*client, {"SET", "bin", value}).str, "OK");
  Reply got = call(*client, {"GET", "bin"});
  EXPECT_EQ(got.str, value);
  EXPECT_EQ(server().command_str({"STRLEN", "bin"}), "6");
}

TEST_F(RedisClientTest, ArgumentsAreCopiedBeforeCommandReturns) {
  auto client = connect();
  std::optional<Reply> reply;
  {
    std::string key = "temporary-key";
    std::string value = "temporary-value";
    client->command({"SET", key, value}, [&](const Reply& r) { reply = r; });
    key.assign(key.size(), 'x');  // the caller's buffers change before anything is written
    value.assign(value.size(), 'y');
  }
  ASSERT_TRUE(run_until([&] { return reply.has_value(); }));
  EXPECT_EQ(server().command_str({"GET", "temporary-key"}), "temporary-value");
}

TEST_F(RedisClientTest, PipelinesTenThousandCommandsAndAnswersInOrder) {
  Options options;
  options.max_pending = 20000;
  auto client = connect(options);
  constexpr int kCount = 10000;
  std::vector<std::int64_t> seen;
  seen.reserve(kCount);
  // All are queued before the io_context runs again: they leave in as few writes as the
  // socket allows and their replies come back in order.
  for (int i = 0; i < kCount; ++i) {
    client->command({"INCR", "pipelined"}, [&](const Reply& r) {
      ASSERT_EQ(r.type, Reply::Type::Integer) << r.str;
      seen.push_back(r.integer);
    });
  }
  ASSERT_TRUE(run_until([&] { return seen.size() == kCount; }, 20s)) << seen.size();
  for (int i = 0; i < kCount; ++i) ASSERT_EQ(seen[i], i + 1) << "reply " << i << " out of order";
  EXPECT_EQ(server().command_str({"GET", "pipelined"}), std::to_string(kCount));
}

TEST_F(RedisClientTest, FireAndForgetCommandsRunInOrder) {
  auto client = connect();
  client->command({"SET", "ff", "1"}, nullptr);
  client->command({"APPEND", "ff", "2"}, nullptr);
  EXPECT_EQ(call(*client, {"GET", "ff"}).str, "12");
}

TEST_F(RedisClientTest, SelectsTheDatabaseOfTheEndpoint) {
  auto client = connect({}, 5);
  call(*client, {"SET", "in-db-5", "yes"});
  Reply info = call(*client, {"CLIENT", "INFO"});
  EXPECT_NE(info.str.find(" db=5 "), std::string::npos) << info.str;
  EXPECT_EQ(server().command_str({"GET", "in-db-5"}), "(nil)");  // the helper uses db 0
}

TEST_F(RedisClientTest, ConnectsByHostName) {
  Endpoint endpoint = endpoint_of(server());
  endpoint.host = "localhost";  // resolved asynchronously, not by hiredis's getaddrinfo()
  Client client(io_, endpoint);
  client.start();
  ASSERT_TRUE(run_until([&] { return client.connected(); }));
  EXPECT_EQ(call(client, {"PING"}).str, "PONG");
}

TEST_F(RedisClientTest, OnConnectHandlersRunAfterConnecting) {
  Client client(io_, endpoint_of(server()));
  int calls = 0;
  bool connected_in_handler = false;
  client.on_connect([&] {
    ++calls;
    connected_in_handler = client.connected();
  });
  client.start();
  ASSERT_TRUE(run_until([&] { return calls == 1; }));
  EXPECT_TRUE(connected_in_handler);
}

TEST_F(RedisClientTest, CommandBeforeConnectingIsUnavailableAndPosted) {
  Client client(io_, endpoint_of(server()));
  std::optional<Reply> reply;
  client.command({"PING"}, [&](const Reply& r) { reply = r; });
  EXPECT_FALSE(reply.has_value()) << "must be posted, not called inline";
  ASSERT_TRUE(run_until([&] { return reply.has_value(); }));
  EXPECT_TRUE(reply->is_unavailable()) << reply->str;
}

TEST_F(RedisClientTest, BoundsPendingCommands) {
  Options options;
  options.max_pending = 2;
  auto client = connect(options);
  // Two BLPOPs wait at the server until the list gets elements: both stay pending.
  std::vector<std::string> popped;
  for (int i = 0; i < 2; ++i) {
    client->command({"BLPOP", "jobs", "0"}, [&](const Reply& r) {
      ASSERT_EQ(r.type, Reply::Type::Array) << r.str;
      popped.push_back(r.elements.at(1).str);
    });
  }
  std::optional<Reply> refused;
  client->command({"PING"}, [&](const Reply& r) { refused = r; });
  EXPECT_FALSE(refused.has_value()) << "must be posted, not called inline";
  ASSERT_TRUE(run_until([&] { return refused.has_value(); }));
  EXPECT_TRUE(refused->is_unavailable()) << refused->str;

  // Wait until both BLPOPs are blocked at the server before feeding the list.
  ASSERT_TRUE(run_until([&] {
    return server().command_str({"CLIENT", "LIST"}).find("cmd=blpop") != std::string::npos;
  }));
  EXPECT_EQ(server().command_str({"RPUSH", "jobs", "first", "second"}), "2");
  ASSERT_TRUE(run_until([&] { return popped.size() == 2; }));
  EXPECT_EQ(popped, (std::vector<std::string>{"first", "second"}));

  // Answers free the slots.
  EXPECT_EQ(call(*client, {"PING"}).str, "PONG");
}

TEST_F(RedisClientTest, StopAnswersPendingCommandsWithUnavailable) {
  auto client = connect();
  std::optional<Reply> reply;
  client->command({"BLPOP", "never", "0"}, [&](const Reply& r) { reply = r; });
  ASSERT_TRUE(run_until([&] {
    return server().command_str({"CLIENT", "LIST"}).find("cmd=blpop") != std::string::npos;
  }));
  client->stop();
  EXPECT_FALSE(client->connected());
  EXPECT_FALSE(reply.has_value()) << "must be posted, not called inline";
  ASSERT_TRUE(run_until([&] { return reply.has_value(); }));
  EXPECT_TRUE(reply->is_unavailable()) << reply->str;

  // A stopped client may start again.
  client->start();
  ASSERT_TRUE(run_until([&] { return client->connected(); }));
  EXPECT_EQ(call(*client, {"PING"}).str, "PONG");
}

TEST_F(RedisClientTest, DestroyingTheClientAnswersPendingCommands) {
  auto client = connect();
  std::optional<Reply> reply;
  client->command({"BLPOP", "never", "0"}, [&](const Reply& r) { reply = r; });
  ASSERT_TRUE(run_until([&] {
    return server().command_str({"CLIENT", "LIST"}).find("cmd=blpop") != std::string::npos;
  }));
  client.reset();
  ASSERT_TRUE(run_until([&] { return reply.has_value(); }));
  EXPECT_TRUE(reply->is_unavailable()) << reply->str;
  // Whatever Asio still had queued for the client completes harmlessly.
  io_.run_for(50ms);
}

TEST_F(RedisClientTest, DestroyingTheClientInsideACallbackIsSafe) {
  auto client = connect();
  std::optional<Reply> first;
  std::optional<Reply> second;
  client->command({"PING"}, [&](const Reply& r) {
    first = r;
    client.reset();  // the client goes away while hiredis is delivering replies
  });
  client->command({"BLPOP", "never", "0"}, [&](const Reply& r) { second = r; });
  ASSERT_TRUE(run_until([&] { return first.has_value() && second.has_value(); }));
  EXPECT_EQ(first->str, "PONG");
  EXPECT_TRUE(second->is_unavailable()) << second->str;
  io_.run_for(50ms);
}

TEST_F(RedisClientTest, ExceptionsInCallbacksDoNotBreakTheConnection) {
  auto client = connect();
  client->command({"PING"}, [](const Reply&) { throw std::runtime_error("callback failure"); });
  EXPECT_EQ(call(*client, {"ECHO", "still here"}).str, "still here");
}

}  // namespace
}  // namespace kefu::redis::itest
