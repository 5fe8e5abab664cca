// Subscriber connections: delivery of published messages.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "redis_fixture.h"

namespace kefu::redis::itest {
namespace {

using Message = std::pair<std::string, std::string>;

class PubSubTest : public RedisClientTest {
 protected:
  // PUBSUB NUMSUB answers [channel, count, ...]: true once channel has `count` subscribers.
  bool subscribers_are(const std::string& channel, int count) {
    auto reply = server().command_array({"PUBSUB", "NUMSUB", channel});
    return reply.size() == 2 && reply[1] == std::to_string(count);
  }
};

TEST_F(PubSubTest, DeliversMessagesOfEverySubscribedChannel) {
  Client subscriber(io_, endpoint_of(server()));
  std::vector<Message> received;
  subscriber.subscribe({"kefu:{demo}:bus", "other"},
                       [&](std::string_view channel, std::string_view payload) {
                         received.emplace_back(channel, payload);
                       });
  subscriber.start();
  ASSERT_TRUE(run_until(
      [&] { return subscribers_are("kefu:{demo}:bus", 1) && subscribers_are("other", 1); }));

  auto publisher = connect();
  const std::string binary("\x08\x01\x00\xff", 4);
  EXPECT_EQ(call(*publisher, {"PUBLISH", "kefu:{demo}:bus", "hello"}).integer, 1);
  EXPECT_EQ(call(*publisher, {"PUBLISH", "other", binary}).integer, 1);
  EXPECT_EQ(call(*publisher, {"PUBLISH", "not-subscribed", "x"}).integer, 0);
  ASSERT_TRUE(run_until([&] { return received.size() == 2; }));
  EXPECT_EQ(received[0], Message("kefu:{demo}:bus", "hello"));
  EXPECT_EQ(received[1], Message("other", binary));
}

TEST_F(PubSubTest, SubscribingWhileConnectedAddsChannels) {
  Client subscriber(io_, endpoint_of(server()));
  std::vector<Message> received;
  auto handler = [&](std::string_view channel, std::string_view payload) {
    received.emplace_back(channel, payload);
  };
  subscriber.subscribe({"first"}, handler);
  subscriber.start();
  ASSERT_TRUE(run_until([&] { return subscribers_are("first", 1); }));
  subscriber.subscribe({"second"}, handler);
  ASSERT_TRUE(run_until([&] { return subscribers_are("second", 1); }));
  server().command_str({"PUBLISH", "second", "2"});
  server().command_str({"PUBLISH", "first", "1"});
  ASSERT_TRUE(run_until([&] { return received.size() == 2; }));
  EXPECT_EQ(received[0], Message("second", "2"));
  EXPECT_EQ(received[1], Message("first", "1"));
}

TEST_F(PubSubTest, SubscriberConnectionRefusesCommands) {
  Client subscriber(io_, endpoint_of(server()));
  subscriber.subscribe({"c"}, [](std::string_view, std::string_view) {});
  subscriber.start();
  ASSERT_TRUE(run_until([&] { return subscriber.connected(); }));
  Reply reply = call(subscriber, {"PING"});
  EXPECT_TRUE(reply.is_unavailable()) << reply.str;
}

}  // namespace
}  // namespace kefu::redis::itest
