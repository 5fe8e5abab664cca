// Issue 9: the Redis client against a real Redis Cluster (three masters, three replicas):
// commands go to the master of their slot, -MOVED and -ASK are followed during a slot
// migration, scripts publish with SPUBLISH, shard subscriptions follow their slot, and a bad
// seed list is retried without a crash.
#include <gtest/gtest.h>

#include <array>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/node_metrics.h"
#include "redis/client.h"
#include "redis_fixture.h"
#include "support/redis_cluster.h"

namespace kefu::redis::itest {
namespace {

Target target_of(test::RedisCluster& cluster) {
  Target t;
  for (auto* s : cluster.servers()) {
    Endpoint e;
    e.host = "127.0.0.1";
    e.port = s->port();
    t.cluster.seeds.push_back(e);
  }
  t.cluster.refresh_interval = 500ms;
  return t;
}

class ClusterClientTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { cluster_ = new test::RedisCluster(); }
  static void TearDownTestSuite() {
    delete cluster_;
    cluster_ = nullptr;
  }

  std::unique_ptr<Client> connect(const Target& target) {
    auto client = std::make_unique<Client>(io_, target, fast_retry());
    client->start();
    EXPECT_TRUE(run_until(
        io_, [&] { return client->connected(); }, 10s))
        << "no slot map";
    return client;
  }

  Reply call(Client& client, std::vector<std::string> args) {
    std::vector<std::string_view> views(args.begin(), args.end());
    std::optional<Reply> reply;
    client.command(views, [&](const Reply& r) { reply = r; });
    EXPECT_TRUE(run_until(
        io_, [&] { return reply.has_value(); }, 10s))
        << "no reply";
    return reply.value_or(Reply::error("test: no reply"));
  }

  static test::RedisCluster* cluster_;
  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_{
      io_.get_executor()};
};

test::RedisCluster* ClusterClientTest::cluster_ = nullptr;

TEST_F(ClusterClientTest, CommandsGoToTheMasterOfTheirSlot) {
  auto client = connect(target_of(*cluster_));
  EXPECT_TRUE(client->cluster());
  EXPECT_EQ(client->publish_command(), "SPUBLISH");
  // Shops spread over the three masters: each write lands where CLUSTER KEYSLOT says.
  std::set<std::uint16_t> masters;
  for (const std::string shop : {"west", "south", "east", "shop1", "shop2"}) {
    const std::string key = "kefu:{" + shop + "}:k";
    EXPECT_EQ(call(*client, {"SET", key, shop}).str, "OK");
    auto& owner = cluster_->master_of(cluster_->key_slot(key));
    masters.insert(owner.port());
    EXPECT_EQ(owner.command_str({"GET", key}), shop) << "not on its slot's master";
    EXPECT_EQ(call(*client, {"GET", key}).str, shop);
  }
  EXPECT_EQ(masters.size(), 3u);
  // A keyless command goes to any master; a script goes by its first key.
  EXPECT_EQ(call(*client, {"PING"}).str, "PONG");
  Script script("return redis.call('GET', KEYS[1])");
  std::optional<Reply> got;
  const std::string key = "kefu:{south}:k";
  const std::array<std::string_view, 1> keys{key};
  script.call(*client, keys, {}, [&](const Reply& r) { got = r; });
  ASSERT_TRUE(run_until(
      io_, [&] { return got.has_value(); }, 5s));
  EXPECT_EQ(got->str, "south");  // loaded on that master first, then EVALSHA
  EXPECT_GE(node_metrics().redis_cluster_refreshes.load(), 1u);
}

TEST_F(ClusterClientTest, ScriptsPublishOnShardChannelsThatFollowTheirSlot) {
  auto publisher = connect(target_of(*cluster_));
  Client subscriber(io_, target_of(*cluster_), fast_retry());
  std::vector<std::pair<std::string, std::string>> got;
  int ready = 0;
  subscriber.on_connect([&] { ++ready; });
  subscriber.subscribe({"kefu:{west}:bus", "kefu:{south}:bus", "kefu:{east}:bus"},
                       [&](std::string_view channel, std::string_view payload) {
                         got.emplace_back(channel, payload);
                       });
  subscriber.start();
  ASSERT_TRUE(run_until(
      io_, [&] { return subscriber.connected(); }, 10s));
  // Each channel is SSUBSCRIBEd on its own master.
  for (const std::string shop : {"west", "south", "east"}) {
    const std::string channel = "kefu:{" + shop + "}:bus";
    auto& owner = cluster_->master_of(cluster_->key_slot(channel));
    ASSERT_TRUE(run_until(io_, [&] {
      return owner.command_array({"PUBSUB", "SHARDNUMSUB", channel}).at(1) == "1";
    }));
  }

  // The script is written with PUBLISH; on a cluster it runs with SPUBLISH.
  Script publish("return redis.call('PUBLISH', KEYS[1], ARGV[1])");
  auto send = [&](const std::string& shop, const std::string& text) {
    const std::string channel = "kefu:{" + shop + "}:bus";
    const std::array<std::string_view, 1> keys{channel};
    const std::array<std::string_view, 1> args{text};
    std::optional<Reply> r;
    publish.call(*publisher, keys, args, [&](const Reply& reply) { r = reply; });
    EXPECT_TRUE(run_until(
        io_, [&] { return r.has_value(); }, 5s));
    EXPECT_FALSE(r->is_error()) << r->str;
  };
  send("west", "w1");
  send("south", "s1");
  send("east", "e1");
  ASSERT_TRUE(run_until(io_, [&] { return got.size() == 3; }));
  // Each through its own master's connection: no order between them.
  using Message = std::pair<std::string, std::string>;
  EXPECT_EQ(std::set<Message>(got.begin(), got.end()),
            (std::set<Message>{
                {"kefu:{west}:bus", "w1"}, {"kefu:{south}:bus", "s1"}, {"kefu:{east}:bus", "e1"}}));

  // A key of west's slot, then the slot migrates to east's master in steps.
  EXPECT_EQ(call(*publisher, {"SET", "kefu:{west}:k", "v"}).str, "OK");
  const std::uint16_t slot = cluster_->key_slot("{west}");
  auto& to = cluster_->master_of(cluster_->key_slot("{east}"));
  const auto redirects = node_metrics().redis_cluster_redirects.load();
  cluster_->begin_migration(slot, to);
  cluster_->move_keys(slot);
  // The key is on the importing node, the slot not yet: -ASK, then ASKING + GET there.
  EXPECT_EQ(call(*publisher, {"GET", "kefu:{west}:k"}).str, "v");
  EXPECT_GT(node_metrics().redis_cluster_redirects.load(), redirects);
  const int ready_before = ready;
  cluster_->finish_migration(slot);
  // -MOVED now; and the old master dropped the shard channel (sunsubscribe): the subscriber
  // resubscribes on the new one and says it is connected again (the worker then catches up).
  EXPECT_EQ(call(*publisher, {"GET", "kefu:{west}:k"}).str, "v");
  ASSERT_TRUE(run_until(
      io_, [&] { return ready > ready_before && subscriber.connected(); }, 10s))
      << "the subscriber did not follow the slot";
  ASSERT_TRUE(run_until(io_, [&] {
    return to.command_array({"PUBSUB", "SHARDNUMSUB", "kefu:{west}:bus"}).at(1) == "1";
  }));
  send("west", "w2");
  ASSERT_TRUE(run_until(io_, [&] { return got.size() == 4; }));
  EXPECT_EQ(got[3].second, "w2");
}

TEST(ClusterClientBadSeeds, UnreachableSeedsAreRetriedAndCommandsAnsweredUnavailable) {
  boost::asio::io_context io;
  Target target;
  Endpoint nobody;
  nobody.host = "127.0.0.1";
  nobody.port = test::free_port();
  target.cluster.seeds = {nobody};
  Client client(io, target, fast_retry());
  client.start();
  std::optional<Reply> reply;
  client.command({"GET", "kefu:{west}:k"}, [&](const Reply& r) { reply = r; });
  ASSERT_TRUE(run_until(
      io, [&] { return reply.has_value(); }, 10s));
  EXPECT_TRUE(reply->is_unavailable()) << reply->str;
  EXPECT_FALSE(client.connected());
}

TEST(ClusterClientBadSeeds, ANodeNotInClusterModeIsRetriedWithoutACrash) {
  boost::asio::io_context io;
  auto& plain = test::RedisServer::shared();  // cluster support disabled: CLUSTER SLOTS fails
  Target target;
  Endpoint e;
  e.host = "127.0.0.1";
  e.port = plain.port();
  target.cluster.seeds = {e};
  target.cluster.refresh_interval = 200ms;
  Client client(io, target, fast_retry());
  client.start();
  std::optional<Reply> reply;
  client.command({"GET", "kefu:{west}:k"}, [&](const Reply& r) { reply = r; });
  ASSERT_TRUE(run_until(
      io, [&] { return reply.has_value(); }, 10s));
  EXPECT_TRUE(reply->is_unavailable()) << reply->str;
  EXPECT_FALSE(client.connected());
}

}  // namespace
}  // namespace kefu::redis::itest
