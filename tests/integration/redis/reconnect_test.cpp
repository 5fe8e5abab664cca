// Losing Redis and getting it back: pending commands fail as unavailable, the client
// reconnects with backoff, reruns its on_connect handlers and resubscribes.
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/ip/tcp.hpp>

#include "redis_fixture.h"

namespace kefu::redis::itest {
namespace {

using boost::asio::ip::tcp;

// These tests stop and start their own server; the shared one is left alone.
class ReconnectTest : public RedisClientTest {
 protected:
  test::RedisServer& server() override { return own_; }
  test::RedisServer own_;
};

bool is_blocked_in_blpop(test::RedisServer& server) {
  return server.command_str({"CLIENT", "LIST"}).find("cmd=blpop") != std::string::npos;
}

TEST_F(ReconnectTest, SurvivesAServerRestart) {
  Client client(io_, endpoint_of(server()), fast_retry());
  int connects = 0;
  client.on_connect([&] { ++connects; });
  client.start();
  ASSERT_TRUE(run_until([&] { return connects == 1 && client.connected(); }));

  std::optional<Reply> pending;
  client.command({"BLPOP", "never", "0"}, [&](const Reply& r) { pending = r; });
  ASSERT_TRUE(run_until([&] { return is_blocked_in_blpop(server()); }));

  server().stop();
  ASSERT_TRUE(run_until([&] { return pending.has_value(); }));
  EXPECT_TRUE(pending->is_unavailable()) << pending->str;
  EXPECT_FALSE(client.connected());

  Reply while_down = call(client, {"PING"});
  EXPECT_TRUE(while_down.is_unavailable()) << while_down.str;

  server().start();
  ASSERT_TRUE(run_until([&] { return client.connected(); }));
  EXPECT_EQ(connects, 2);
  EXPECT_EQ(call(client, {"SET", "after", "restart"}).str, "OK");
  EXPECT_EQ(server().command_str({"GET", "after"}), "restart");
}

TEST_F(ReconnectTest, ScriptsAreLoadedAgainOnTheRestartedServer) {
  Client client(io_, endpoint_of(server()), fast_retry());
  client.start();
  ASSERT_TRUE(run_until([&] { return client.connected(); }));
  Script script("return redis.call('INCR', KEYS[1])");
  const std::vector<std::string_view> keys{"n"};
  int answered = 0, ok = 0;
  auto count = [&](const Reply& r) {
    ++answered;
    if (r.type == Reply::Type::Integer) ++ok;
  };
  script.call(client, keys, {}, count);
  ASSERT_TRUE(run_until([&] { return answered == 1; }));

  // The restarted Redis knows no scripts; this connection must send it again, once, before
  // the calls that all leave at once.
  server().stop();
  ASSERT_TRUE(run_until([&] { return !client.connected(); }));
  server().start();
  ASSERT_TRUE(run_until([&] { return client.connected(); }));
  for (int i = 0; i < 50; ++i) script.call(client, keys, {}, count);
  ASSERT_TRUE(run_until([&] { return answered == 51; }));
  EXPECT_EQ(ok, 51);
  EXPECT_EQ(calls_of(server(), "evalsha"), "50");
  EXPECT_EQ(calls_of(server(), "script|load"), "1");
  EXPECT_EQ(calls_of(server(), "eval"), "0");
}

TEST_F(ReconnectTest, SubscriberResubscribesAfterARestart) {
  Client subscriber(io_, endpoint_of(server()), fast_retry());
  std::vector<std::string> received;
  subscriber.subscribe(
      {"bus"}, [&](std::string_view, std::string_view payload) { received.emplace_back(payload); });
  subscriber.start();
  auto subscribed = [&] {
    auto reply = server().command_array({"PUBSUB", "NUMSUB", "bus"});
    return reply.size() == 2 && reply[1] == "1";
  };
  ASSERT_TRUE(run_until(subscribed));
  server().command_str({"PUBLISH", "bus", "before"});
  ASSERT_TRUE(run_until([&] { return received.size() == 1; }));

  server().stop();
  ASSERT_TRUE(run_until([&] { return !subscriber.connected(); }));
  server().start();
  ASSERT_TRUE(run_until([&] { return subscriber.connected() && subscribed(); }));
  server().command_str({"PUBLISH", "bus", "after"});
  ASSERT_TRUE(run_until([&] { return received.size() == 2; }));
  EXPECT_EQ(received, (std::vector<std::string>{"before", "after"}));
}

TEST(ReconnectWithoutServer, KeepsRetryingUntilAServerListens) {
  boost::asio::io_context io;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work{io.get_executor()};
  const std::uint16_t port = test::free_port();
  Endpoint endpoint;
  endpoint.port = port;
  Client client(io, endpoint, fast_retry());
  int connects = 0;
  client.on_connect([&] { ++connects; });
  client.start();
  // Several backoff rounds pass with nothing listening.
  io.run_for(300ms);
  EXPECT_FALSE(client.connected());
  EXPECT_EQ(connects, 0);

  test::RedisServer late(port);
  ASSERT_TRUE(run_until(io, [&] { return client.connected(); }));
  EXPECT_EQ(connects, 1);
  std::optional<Reply> reply;
  client.command({"PING"}, [&](const Reply& r) { reply = r; });
  ASSERT_TRUE(run_until(io, [&] { return reply.has_value(); }));
  EXPECT_EQ(reply->str, "PONG");
}

TEST(ReconnectWithoutServer, HandshakeTimesOutAndRetries) {
  boost::asio::io_context io;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work{io.get_executor()};
  // A listener that accepts and never answers: TCP connects, the SELECT/PING never returns.
  tcp::acceptor mute(io, tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
  std::vector<tcp::socket> accepted;
  std::function<void()> accept_next = [&] {
    mute.async_accept([&](const boost::system::error_code& ec, tcp::socket socket) {
      if (ec) return;
      accepted.push_back(std::move(socket));
      accept_next();
    });
  };
  accept_next();

  Endpoint endpoint;
  endpoint.port = mute.local_endpoint().port();
  endpoint.db = 1;
  Options options = fast_retry();
  options.connect_timeout = 100ms;
  Client client(io, endpoint, options);
  client.start();
  // Each attempt is abandoned after the timeout, and a new one is made.
  ASSERT_TRUE(run_until(io, [&] { return accepted.size() >= 3; }));
  EXPECT_FALSE(client.connected());
  client.stop();
  mute.close();
}

}  // namespace
}  // namespace kefu::redis::itest
