// Issue 9: several kefu-server nodes on one Redis. Buyers and agents on different nodes chat as
// usual, capacity and assignment hold across nodes (the Lua scripts are the only decision
// points), timers act once, and the clients of a killed node resume on the other one with
// nothing acknowledged lost or shown twice.
#include <signal.h>

#include <set>

#include "e2e_fixture.h"

namespace kefu::test {
namespace {

using namespace std::chrono_literals;

class Nodes : public E2E {
 protected:
  static constexpr std::uint32_t kOrphanGraceSeconds = 180;
  v1::ServerConfig config() const override {
    auto c = test_config();
    c.mutable_shops(0)->mutable_routing()->set_orphan_grace_seconds(kOrphanGraceSeconds);
    return c;
  }
  void SetUp() override {
    E2E::SetUp();
    second_ = std::make_unique<ServerProcess>(config(), redis().url());
  }
  void TearDown() override {
    if (second_ && !killed_) {
      EXPECT_TRUE(second_->alive()) << "the second kefu-server died during the test";
    }
    second_.reset();
    E2E::TearDown();
  }

  std::uint16_t node_a() const { return port(); }
  std::uint16_t node_b() const { return second_->port(); }

  // The test clocks of the nodes still running, moved together as one wall clock would.
  void advance_clocks(std::chrono::milliseconds by) {
    for (std::uint16_t node : {node_a(), node_b()}) {
      if (node == node_b() && killed_) continue;
      auto res = http_request(node, "POST", "/api/test/clock",
                              R"({"advanceMs":")" + std::to_string(by.count()) + R"("})");
      ASSERT_EQ(res.status, 200u) << res.body;
    }
  }
  void kill_second() {
    kill(second_->pid(), SIGKILL);
    killed_ = true;
  }
  // Frames matching `match` that arrive within `window` (to count that something came once).
  static int count_within(WsClient& c, const std::function<bool(const v1::ServerFrame&)>& match,
                          std::chrono::milliseconds window) {
    int n = 0;
    const auto until = std::chrono::steady_clock::now() + window;
    while (std::chrono::steady_clock::now() < until) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          until - std::chrono::steady_clock::now());
      auto f = c.read(std::max(left, 1ms));
      if (!f) break;
      if (match(*f)) ++n;
    }
    return n;
  }

  std::unique_ptr<ServerProcess> second_;
  bool killed_ = false;
};

bool from_role(const v1::ServerFrame& f, v1::Role role) {
  return f.has_message() && f.message().message().sender_role() == role;
}

TEST_F(Nodes, BuyerOnOneNodeAndAgentOnTheOtherChat) {
  auto a1 = agent_at(node_b(), "a1");
  auto b = buyer_at(node_a(), "nodes-buyer-1");
  const std::string conv = start(*b);
  ASSERT_FALSE(conv.empty());
  auto assigned = a1->read_until([](auto& f) { return f.has_conversation_assigned(); });
  ASSERT_TRUE(assigned) << "the assignment crossed nodes";
  EXPECT_EQ(assigned->conversation_assigned().conversation().id(), conv);

  auto ack = say(*b, conv, "A 节点的买家", "n-1");
  ASSERT_TRUE(ack.has_ack()) << ack.DebugString();
  auto got = a1->read_until([](auto& f) { return from_role(f, v1::ROLE_BUYER); });
  ASSERT_TRUE(got);
  EXPECT_EQ(got->message().message().id(), ack.ack().message_id());

  auto reply = say(*a1, conv, "B 节点的客服", "r-1");
  ASSERT_TRUE(reply.has_ack());
  auto back = b->read_until([](auto& f) { return from_role(f, v1::ROLE_AGENT); });
  ASSERT_TRUE(back);
  EXPECT_EQ(back->message().message().id(), reply.ack().message_id());

  // Each node's /metrics counts what it did: node A stored the buyer's message and routed the
  // conversation, node B stored the agent's; both timed their Redis commands.
  EXPECT_EQ(metric(node_a(), "kefu_messages_stored_total"), 1);
  EXPECT_EQ(metric(node_b(), "kefu_messages_stored_total"), 1);
  EXPECT_GE(metric(node_a(), "kefu_routing_decisions_total"), 1);
  EXPECT_GT(metric(node_b(), "kefu_redis_command_seconds_count"), 0);
  // (No check of kefu_redis_errors_total here: a command of a worker still connecting at start
  // is refused and counted, and that is right.)
  EXPECT_GE(metric(node_b(), "kefu_redis_connects_total"), 1);
}

TEST_F(Nodes, CapacityHoldsWhenBuyersArriveOnBothNodes) {
  // a1 and a2 (pre-sale, capacity 2 each) on different nodes; six buyers alternate nodes.
  auto a1 = agent_at(node_a(), "a1");
  auto a2 = agent_at(node_b(), "a2");
  std::vector<std::unique_ptr<WsClient>> buyers;
  std::vector<std::string> convs;
  for (int i = 0; i < 6; ++i) {
    buyers.push_back(buyer_at(i % 2 ? node_b() : node_a(), "nodes-cap-" + std::to_string(i)));
    convs.push_back(start(*buyers.back()));
    ASSERT_FALSE(convs.back().empty());
  }
  auto assigned_to = [](WsClient& agent) {
    std::set<std::string> ids;
    while (auto f = agent.read(500ms))
      if (f->has_conversation_assigned())
        ids.insert(f->conversation_assigned().conversation().id());
    return ids;
  };
  const auto to_a1 = assigned_to(*a1);
  const auto to_a2 = assigned_to(*a2);
  EXPECT_EQ(to_a1.size(), 2u);
  EXPECT_EQ(to_a2.size(), 2u);
  for (const auto& id : to_a1) EXPECT_FALSE(to_a2.contains(id)) << id << " assigned twice";
  EXPECT_EQ(redis().command_str({"HGET", "kefu:{shop1}:agent:a1", "load"}), "2");
  EXPECT_EQ(redis().command_str({"HGET", "kefu:{shop1}:agent:a2", "load"}), "2");
  // Both nodes report the queue Redis holds: the two buyers without a place.
  const std::string presale_queue = R"(kefu_queue_length{shop="shop1",group="presale"})";
  EXPECT_EQ(metric(node_a(), presale_queue), 2);
  EXPECT_EQ(metric(node_b(), presale_queue), 2);

  // One ends a conversation on node A: a buyer queued (whichever node holds them) is next.
  const std::string done = *to_a1.begin();
  v1::ClientFrame end;
  end.mutable_end_conversation()->set_conversation_id(done);
  auto ended = a1->request(end);
  ASSERT_TRUE(ended && !ended->has_error()) << (ended ? ended->DebugString() : "no answer");
  auto next = a1->read_until([&](auto& f) {
    return f.has_conversation_assigned() && f.conversation_assigned().conversation().id() != done;
  });
  ASSERT_TRUE(next) << "the queue drained into the freed place";
  EXPECT_FALSE(to_a1.contains(next->conversation_assigned().conversation().id()));
  EXPECT_FALSE(to_a2.contains(next->conversation_assigned().conversation().id()));
}

TEST_F(Nodes, AutoEndActsOnceThoughBothNodesTick) {
  // R-ROUTE-11: both nodes run the routing tick; the silent conversation ends once.
  auto a1 = agent_at(node_b(), "a1");
  auto b = buyer_at(node_a(), "nodes-silent");
  const std::string conv = start(*b);
  ASSERT_TRUE(a1->read_until([](auto& f) { return f.has_conversation_assigned(); }));
  ASSERT_TRUE(say(*b, conv, "在吗", "s-1").has_ack());
  ASSERT_TRUE(say(*a1, conv, "在的，请问有什么可以帮您？", "s-2").has_ack());
  advance_clocks(11min);
  auto ended = b->read_until([](auto& f) { return f.has_conversation_ended(); }, 10s);
  ASSERT_TRUE(ended) << "the silent conversation did not end";
  // Give every other tick of both nodes (every 2 s) time to act twice if it were going to.
  EXPECT_EQ(count_within(
                *b, [](auto& f) { return f.has_conversation_ended(); }, 4500ms),
            0);
  EXPECT_EQ(redis().command_str({"HGET", "kefu:{shop1}:agent:a1", "load"}), "0");
}

TEST_F(Nodes, ClientsOfAKilledNodeResumeOnTheOtherWithNothingLost) {
  auto a1 = agent_at(node_b(), "a1");
  auto b = buyer_at(node_a(), "nodes-crash");
  const std::string conv = start(*b);
  ASSERT_TRUE(a1->read_until([](auto& f) { return f.has_conversation_assigned(); }));
  ASSERT_TRUE(say(*b, conv, "第一条", "k-1").has_ack());
  auto seen = a1->read_until([](auto& f) { return from_role(f, v1::ROLE_BUYER); });
  ASSERT_TRUE(seen);
  const std::string last_seen = seen->message().message().id();

  kill_second();  // node B dies with the agent's socket on it
  EXPECT_TRUE(a1->read_until([](auto&) { return false; }, 2s) == std::nullopt);
  EXPECT_TRUE(a1->closed());

  // The buyer goes on writing on node A; each message is acknowledged.
  std::vector<std::string> acked;
  for (int i = 2; i <= 4; ++i) {
    auto ack = say(*b, conv, "第" + std::to_string(i) + "条", "k-" + std::to_string(i));
    ASSERT_TRUE(ack.has_ack()) << ack.DebugString();
    acked.push_back(ack.ack().message_id());
  }

  // The agent reconnects to node A: the conversation is still theirs, and syncing from the
  // last id seen gives exactly the three messages, in order.
  auto again = std::make_unique<WsClient>(node_a());
  auto welcome = again->request(hello_agent(login("a1")));
  ASSERT_TRUE(welcome && welcome->has_welcome());
  bool still_theirs = false;
  for (const auto& c : welcome->welcome().conversations()) still_theirs |= c.id() == conv;
  EXPECT_TRUE(still_theirs) << "the agent lost the conversation with the node";
  const auto got = message_ids(sync_after(*again, conv, last_seen));
  EXPECT_EQ(got, acked);

  auto reply = say(*again, conv, "刚才断线了，您说的我都看到了", "k-r");
  ASSERT_TRUE(reply.has_ack()) << reply.DebugString();
  EXPECT_TRUE(b->read_until([](auto& f) { return from_role(f, v1::ROLE_AGENT); }));
}

TEST_F(Nodes, AGoneAgentsConversationsGoToAColleagueAfterTheGracePeriod) {
  auto a1 = agent_at(node_b(), "a1");
  auto b = buyer_at(node_a(), "nodes-orphan");
  const std::string conv = start(*b);
  ASSERT_TRUE(a1->read_until([](auto& f) { return f.has_conversation_assigned(); }));
  ASSERT_TRUE(say(*b, conv, "还在吗？", "o-1").has_ack());
  kill_second();  // a1's node dies; a1 does not come back
  auto a2 = agent_at(node_a(), "a2");
  const std::string conv_key = "kefu:{shop1}:conv:" + conv;

  // Within the grace period the conversation stays a1's (they may be back in a moment).
  advance_clocks(std::chrono::seconds(kOrphanGraceSeconds - 30));
  ping(*a2);
  EXPECT_EQ(count_within(
                *a2, [](auto& f) { return f.has_conversation_assigned(); }, 2500ms),
            0);
  EXPECT_EQ(redis().command_str({"HGET", conv_key, "agent"}), "a1");

  // Past it, the routing tick hands it to a2, who is online in the same group.
  advance_clocks(60s);
  ping(*a2);
  auto moved = a2->read_until(
      [&](auto& f) {
        return f.has_conversation_assigned() &&
               f.conversation_assigned().conversation().id() == conv;
      },
      8s);
  ASSERT_TRUE(moved) << "the gone agent's conversation was not handed on";
  EXPECT_EQ(redis().command_str({"HGET", conv_key, "agent"}), "a2");
  EXPECT_EQ(redis().command_str({"HGET", "kefu:{shop1}:agent:a1", "load"}), "0");
  // The buyer is told, and a2 sees the question that was waiting.
  EXPECT_TRUE(b->read_until([](auto& f) { return f.has_conversation_assigned(); }));
  EXPECT_TRUE(say(*a2, conv, "您好，我来接着为您服务", "o-2").has_ack());
}

// The other side of the grace period: an agent still connected, their connection beating,
// keeps their conversations however long they serve; only a silent connection's are handed on
// (the routing tick reads each agent's heartbeat out of its packed row, lib/agent_row.lua).
TEST_F(Nodes, AConnectedAgentKeepsTheirConversationsPastTheGracePeriod) {
  auto a1 = agent_at(node_a(), "a1");
  auto b = buyer_at(node_a(), "nodes-kept");
  const std::string conv = start(*b);
  ASSERT_TRUE(a1->read_until([](auto& f) { return f.has_conversation_assigned(); }));
  auto a2 = agent_at(node_b(), "a2");  // a colleague online who could take it

  // Both stay connected past the grace period and beat after the clocks move, as a console
  // does every few seconds.
  advance_clocks(std::chrono::seconds(kOrphanGraceSeconds + 60));
  ping(*a1);
  ping(*a2);
  // A routing tick (every 2 s) passes and hands nothing on.
  EXPECT_EQ(count_within(
                *a2, [](auto& f) { return f.has_conversation_assigned(); }, 2500ms),
            0);
  EXPECT_EQ(redis().command_str({"HGET", "kefu:{shop1}:conv:" + conv, "agent"}), "a1");
  EXPECT_TRUE(say(*a1, conv, "还在为您处理，请稍等", "k-1").has_ack());
}

}  // namespace
}  // namespace kefu::test
