// Issue 9: hash slots, key positions, CLUSTER SLOTS and redirections, as the Redis Cluster
// specification defines them.
#include "redis/cluster_slots.h"

#include <gtest/gtest.h>

#include <string_view>
#include <vector>

namespace kefu::redis::cluster {
namespace {

Reply integer(std::int64_t v) {
  Reply r;
  r.type = Reply::Type::Integer;
  r.integer = v;
  return r;
}

Reply string(std::string s) {
  Reply r;
  r.type = Reply::Type::String;
  r.str = std::move(s);
  return r;
}

Reply array(std::vector<Reply> elements) {
  Reply r;
  r.type = Reply::Type::Array;
  r.elements = std::move(elements);
  return r;
}

Reply range(std::int64_t first, std::int64_t last, std::string host, std::int64_t port) {
  return array({integer(first), integer(last),
                array({string(std::move(host)), integer(port), string("node-id")}),
                array({string("10.0.0.9"), integer(7005), string("replica-id")})});
}

std::optional<std::size_t> index_of(std::vector<std::string_view> args) {
  return key_index(std::span<const std::string_view>(args));
}

TEST(ClusterSlots, Crc16IsTheXmodemVariantOfTheSpecification) {
  EXPECT_EQ(crc16("123456789"), 0x31C3);  // the specification's check value
  EXPECT_EQ(crc16(""), 0);
}

TEST(ClusterSlots, KeySlotsMatchRedis) {
  // Values as CLUSTER KEYSLOT gives them.
  EXPECT_EQ(key_slot("foo"), 12182);
  EXPECT_EQ(key_slot("bar"), 5061);
  EXPECT_EQ(key_slot("123456789"), 0x31C3);
}

TEST(ClusterSlots, TheHashTagDecides) {
  EXPECT_EQ(key_slot("{user1000}.following"), key_slot("{user1000}.followers"));
  EXPECT_EQ(key_slot("{user1000}.following"), key_slot("user1000"));
  // A shop's keys and its bus channel share one slot (DESIGN: state in Redis).
  EXPECT_EQ(key_slot("kefu:{shop-a}:conv:7:msgs"), key_slot("kefu:{shop-a}:bus"));
  EXPECT_EQ(key_slot("kefu:{shop-a}:bus"), key_slot("shop-a"));
}

TEST(ClusterSlots, EmptyOrUnclosedTagsHashTheWholeKey) {
  EXPECT_EQ(key_slot("foo{}{bar}"), crc16("foo{}{bar}") % kSlots);
  EXPECT_EQ(key_slot("foo{{bar}}zap"), key_slot("{bar"));
  EXPECT_EQ(key_slot("foo{bar}{zap}"), key_slot("bar"));
  EXPECT_EQ(key_slot("foo{bar"), crc16("foo{bar") % kSlots);
}

TEST(ClusterSlots, KeyOfAPlainCommandIsItsFirstArgument) {
  EXPECT_EQ(index_of({"GET", "k"}), 1u);
  EXPECT_EQ(index_of({"hset", "k", "f", "v"}), 1u);
  EXPECT_EQ(index_of({"SPUBLISH", "kefu:{s}:bus", "x"}), 1u);
  EXPECT_EQ(index_of({"GET"}), std::nullopt);
}

TEST(ClusterSlots, ScriptsAreRoutedByTheirFirstKey) {
  EXPECT_EQ(index_of({"EVALSHA", "abc", "2", "k1", "k2", "arg"}), 3u);
  EXPECT_EQ(index_of({"eval", "return 1", "1", "k1"}), 3u);
  EXPECT_EQ(index_of({"EVALSHA", "abc", "0", "arg"}), std::nullopt);
  EXPECT_EQ(index_of({"EVALSHA", "abc", "x", "k"}), std::nullopt);
}

TEST(ClusterSlots, StreamsReadsAreRoutedByTheirFirstStream) {
  EXPECT_EQ(index_of({"XREAD", "COUNT", "5", "STREAMS", "s1", "0"}), 4u);
  EXPECT_EQ(index_of({"XREAD", "COUNT", "5"}), std::nullopt);
}

TEST(ClusterSlots, KeylessCommandsGoAnywhere) {
  EXPECT_EQ(index_of({"PING"}), std::nullopt);
  EXPECT_EQ(index_of({"CLUSTER", "SLOTS"}), std::nullopt);
  EXPECT_EQ(index_of({"script", "load", "return 1"}), std::nullopt);
  EXPECT_EQ(index_of({"PUBLISH", "channel", "message"}), std::nullopt);
}

TEST(ClusterSlots, ParsesClusterSlots) {
  const Reply reply = array({range(0, 5460, "127.0.0.1", 7000), range(5461, 10922, "", 7001),
                             range(10923, 16383, "127.0.0.2", 7002)});
  std::vector<SlotRange> ranges;
  std::string error;
  ASSERT_TRUE(parse_cluster_slots(reply, "10.1.1.1", ranges, error)) << error;
  ASSERT_EQ(ranges.size(), 3u);
  EXPECT_EQ(ranges[0].first, 0);
  EXPECT_EQ(ranges[0].last, 5460);
  EXPECT_EQ(ranges[0].master.name(), "127.0.0.1:7000");
  EXPECT_EQ(ranges[1].master.name(), "10.1.1.1:7001");  // "": the node asked
  EXPECT_EQ(ranges[2].master.name(), "127.0.0.2:7002");
}

TEST(ClusterSlots, RefusesMalformedClusterSlots) {
  std::vector<SlotRange> ranges;
  std::string error;
  EXPECT_FALSE(parse_cluster_slots(Reply::error("ERR This instance has cluster support disabled"),
                                   "h", ranges, error));
  EXPECT_NE(error.find("cluster support disabled"), std::string::npos);
  EXPECT_FALSE(parse_cluster_slots(string("nope"), "h", ranges, error));
  EXPECT_FALSE(parse_cluster_slots(array({}), "h", ranges, error));  // no slot served
  EXPECT_FALSE(parse_cluster_slots(
      array({array({integer(0), integer(20000), array({string("h"), integer(1)})})}), "h", ranges,
      error));
  EXPECT_FALSE(parse_cluster_slots(
      array({array({integer(5), integer(1), array({string("h"), integer(1)})})}), "h", ranges,
      error));
  EXPECT_FALSE(parse_cluster_slots(array({array({integer(0), integer(1), string("h")})}), "h",
                                   ranges, error));
  EXPECT_FALSE(parse_cluster_slots(
      array({array({integer(0), integer(1), array({string("h"), integer(70000)})})}), "h", ranges,
      error));
  EXPECT_FALSE(parse_cluster_slots(array({array({integer(0)})}), "h", ranges, error));
  EXPECT_TRUE(ranges.empty());
}

TEST(ClusterSlots, ParsesMovedAndAsk) {
  auto moved = parse_redirect("MOVED 3999 127.0.0.1:6381");
  ASSERT_TRUE(moved);
  EXPECT_EQ(moved->kind, Redirect::Kind::Moved);
  EXPECT_EQ(moved->slot, 3999);
  EXPECT_EQ(moved->target.name(), "127.0.0.1:6381");
  auto ask = parse_redirect("ASK 12182 [::1]:7002");
  ASSERT_TRUE(ask);
  EXPECT_EQ(ask->kind, Redirect::Kind::Ask);
  EXPECT_EQ(ask->target.host, "::1");
  EXPECT_EQ(ask->target.port, 7002);
}

TEST(ClusterSlots, OtherErrorsAreNoRedirect) {
  EXPECT_FALSE(parse_redirect("ERR unknown command"));
  EXPECT_FALSE(parse_redirect("MOVED"));
  EXPECT_FALSE(parse_redirect("MOVED 99999 h:1"));
  EXPECT_FALSE(parse_redirect("MOVED 1 nohostport"));
  EXPECT_FALSE(parse_redirect("ASK x h:1"));
  EXPECT_FALSE(parse_redirect("CLUSTERDOWN The cluster is down"));
}

}  // namespace
}  // namespace kefu::redis::cluster
