// Issue 9, graceful drain: SIGTERM takes a node out of service without losing anything a
// client was told was done. Two nodes on one Redis; buyers and an agent on node A chat in a
// steady stream; node A is sent SIGTERM mid-stream. Every client is told Draining, then closed
// with 1012; node A refuses new connections and exits 0 well within drain_seconds; every
// acknowledged message is stored exactly once and nothing refused was stored (no request is
// left half done); the clients resume on node B from their last message id and get exactly
// what they missed; the agent still owns their conversations. A client that does not read
// cannot hold the node up past drain_seconds.
#include <signal.h>
#include <sys/wait.h>

#include <algorithm>
#include <iostream>
#include <map>
#include <set>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>

#include "e2e_fixture.h"
#include "http_exchange.h"
#include "raw_ws.h"

namespace kefu::test {
namespace {

using namespace std::chrono_literals;
constexpr int kServiceRestart = 1012;

// Redis stream ids "ms-seq": numerically, "" before everything.
int compare_ids(const std::string& a, const std::string& b) {
  auto parts = [](const std::string& id) {
    if (id.empty()) return std::pair<long long, long long>{-1, -1};
    const auto dash = id.find('-');
    return std::pair<long long, long long>{std::stoll(id.substr(0, dash)),
                                           std::stoll(id.substr(dash + 1))};
  };
  const auto x = parts(a), y = parts(b);
  return x < y ? -1 : (x == y ? 0 : 1);
}

// What a client of node A saw from the moment it was told to go.
struct Seen {
  std::map<std::string, std::string> acked;  // client message id → message id
  std::set<std::string> refused;             // retryable UNAVAILABLE: nothing was done
  std::string last_message_id;               // the last MessageEvent's id (where to resume)
  int draining_at = -1;                      // index of the Draining frame among all frames
  int first_refusal_at = -1;
  std::uint32_t reconnect_after_ms = 0;
  int frames = 0;
  bool closed = false;
  int close_code = 0;
};

// Takes note of one frame.
void note(const v1::ServerFrame& f, Seen& seen) {
  const int at = seen.frames++;
  if (f.has_draining()) {
    seen.draining_at = at;
    seen.reconnect_after_ms = f.draining().reconnect_after_ms();
  }
  if (f.has_ack()) seen.acked[f.ack().client_message_id()] = f.ack().message_id();
  if (f.has_error() && f.error().code() == v1::ERROR_CODE_UNAVAILABLE && f.error().retryable()) {
    seen.refused.insert(f.request_id());
    if (seen.first_refusal_at < 0) seen.first_refusal_at = at;
  }
  if (f.has_message() && compare_ids(f.message().message().id(), seen.last_message_id) > 0)
    seen.last_message_id = f.message().message().id();
}

// Reads until the server closes the connection (or nothing comes for 5 s), or with
// stop_at_draining until the Draining frame.
void read_frames(WsClient& c, Seen& seen, bool stop_at_draining = false) {
  while (auto f = c.read(5s)) {
    note(*f, seen);
    if (stop_at_draining && f->has_draining()) return;
  }
  seen.closed = c.closed();
  seen.close_code = c.close_code();
}

// Sends without waiting for the answers: the request id is the client message id.
void send_message(WsClient& c, const std::string& conv, const std::string& cmid) {
  c.send(send_message_frame(conv, "消息 " + cmid, cmid, cmid));
}

// The conversation's messages after `after` as `c` syncs them: (message id, client message id).
std::vector<std::pair<std::string, std::string>> synced_pairs(WsClient& c, const std::string& conv,
                                                              const std::string& after,
                                                              const std::string& request_id) {
  std::vector<std::pair<std::string, std::string>> got;
  for (const auto& m : sync_after(c, conv, after, request_id))
    got.emplace_back(m.id(), m.client_message_id());
  return got;
}

bool refuses_connections(std::uint16_t port) {
  boost::asio::io_context io;
  boost::asio::ip::tcp::socket socket{io};
  boost::system::error_code ec;
  socket.connect({boost::asio::ip::make_address("127.0.0.1"), port}, ec);
  return ec == boost::asio::error::connection_refused;
}

class DrainE2E : public E2E {
 protected:
  // The nodes' configuration: the rates out of the way (the tests stream), and the drain time.
  static v1::ServerConfig drain_config(std::uint32_t drain_seconds) {
    auto c = test_config();
    c.set_drain_seconds(drain_seconds);
    lift_rate_limits(c);
    return c;
  }
};

class Drain : public DrainE2E {
 protected:
  static constexpr std::uint32_t kDrainSeconds = 10;
  v1::ServerConfig config() const override { return drain_config(kDrainSeconds); }
  void SetUp() override {
    E2E::SetUp();
    node_b_ = std::make_unique<ServerProcess>(drain_config(kDrainSeconds), redis().url());
  }
  void TearDown() override {
    node_b_.reset();
    E2E::TearDown();
  }
  std::uint16_t node_a() const { return port(); }
  std::uint16_t node_b() const { return node_b_->port(); }
  // A new login on the given node (the fixture's login() asks node A, which is gone).
  static std::string login_at(std::uint16_t node, const std::string& name) {
    auto res =
        http_request(node, "POST", "/api/login",
                     R"({"login":")" + name + R"(","password":")" + kAgentPassword + R"("})");
    EXPECT_EQ(res.status, 200u) << res.body;
    const auto at = res.body.find(R"("token":")");
    if (at == std::string::npos) return {};
    const auto from = at + 9;
    return res.body.substr(from, res.body.find('"', from) - from);
  }

  std::unique_ptr<ServerProcess> node_b_;
};

TEST_F(Drain, ClientsMoveToAnotherNodeWithNothingLostOrDoubled) {
  // a1 (capacity 2) and two buyers, all on node A; both conversations are a1's.
  auto a1 = agent_at(node_a(), "a1");
  auto b1 = buyer_at(node_a(), "drain-buyer-1");
  auto b2 = buyer_at(node_a(), "drain-buyer-2");
  const std::string c1 = start(*b1), c2 = start(*b2);
  ASSERT_FALSE(c1.empty());
  ASSERT_FALSE(c2.empty());
  std::set<std::string> assigned;
  while (assigned.size() < 2) {
    auto f = a1->read_until([](auto& f) { return f.has_conversation_assigned(); });
    ASSERT_TRUE(f) << "both conversations go to a1";
    assigned.insert(f->conversation_assigned().conversation().id());
  }

  // A balancer's view of node A: a kept-alive connection that checks /healthz.
  boost::asio::io_context io;
  boost::beast::tcp_stream health{io};
  health.connect({boost::asio::ip::make_address("127.0.0.1"), node_a()});
  ASSERT_EQ(http_exchange(health, "GET", "/healthz", "", "").status, 200u);

  // The stream: both buyers and the agent send without waiting for answers, and node A gets
  // SIGTERM in the middle of it, with Lua calls in flight.
  constexpr int kBefore = 25, kAfter = 25;
  struct Sender {
    WsClient* client;
    std::string conv;
    std::string prefix;
  };
  const std::vector<Sender> senders{
      {b1.get(), c1, "b1-"}, {b2.get(), c2, "b2-"}, {a1.get(), c1, "a1-"}};
  std::vector<std::string> sent[3];
  auto send_round = [&](int i) {
    for (std::size_t s = 0; s < senders.size(); ++s) {
      const std::string cmid = senders[s].prefix + std::to_string(i);
      send_message(*senders[s].client, senders[s].conv, cmid);
      sent[s].push_back(cmid);
    }
  };
  for (int i = 0; i < kBefore; ++i) send_round(i);
  // Once each sender has its first ack (however loaded the machine), the rest is in flight.
  std::vector<Seen> seen(senders.size());
  for (std::size_t s = 0; s < senders.size(); ++s)
    while (seen[s].acked.empty()) {
      auto f = senders[s].client->read(5s);
      ASSERT_TRUE(f) << senders[s].prefix << ": no ack";
      note(*f, seen[s]);
    }
  const auto signalled = std::chrono::steady_clock::now();
  server_exits_in_this_test();
  server().signal(SIGTERM);
  for (int i = kBefore; i < kBefore + kAfter; ++i) send_round(i);

  // The first buyer is told Draining. By then node A refuses new connections, and /healthz
  // answers 503 over the kept connection (the node is still up: its clients have not closed).
  read_frames(*b1, seen[0], /*stop_at_draining=*/true);
  ASSERT_GE(seen[0].draining_at, 0) << "no Draining frame";
  EXPECT_TRUE(refuses_connections(node_a()));
  const HttpResult health_now = http_exchange(health, "GET", "/healthz", "", "");
  EXPECT_EQ(health_now.status, 503u);
  EXPECT_NE(health_now.body.find("draining"), std::string::npos) << health_now.body;

  // Every client: Draining, then the close with 1012.
  for (std::size_t s = 0; s < senders.size(); ++s) read_frames(*senders[s].client, seen[s]);
  for (std::size_t s = 0; s < seen.size(); ++s) {
    SCOPED_TRACE(senders[s].prefix);
    std::cout << senders[s].prefix << ": " << seen[s].acked.size() << " of " << sent[s].size()
              << " acknowledged, " << seen[s].refused.size()
              << " refused (draining), the rest unanswered\n";
    EXPECT_GE(seen[s].draining_at, 0) << "no Draining frame";
    EXPECT_GT(seen[s].reconnect_after_ms, 0u);
    EXPECT_LE(seen[s].reconnect_after_ms, 5000u);
    if (seen[s].first_refusal_at >= 0) {
      EXPECT_LT(seen[s].draining_at, seen[s].first_refusal_at);
    }
    EXPECT_TRUE(seen[s].closed);
    EXPECT_EQ(seen[s].close_code, kServiceRestart);
    EXPECT_FALSE(seen[s].acked.empty()) << "nothing was acknowledged before the drain";
    // An answer is an ack or a refusal, never both.
    for (const auto& [cmid, id] : seen[s].acked) EXPECT_FALSE(seen[s].refused.contains(cmid));
  }

  // Node A exits 0 well within drain_seconds.
  auto status = server().wait_for_exit(std::chrono::seconds(kDrainSeconds));
  const auto took = std::chrono::steady_clock::now() - signalled;
  ASSERT_TRUE(status) << "node A still runs " << kDrainSeconds << " s after SIGTERM";
  EXPECT_TRUE(WIFEXITED(*status) && WEXITSTATUS(*status) == 0) << "status " << *status;
  RecordProperty(
      "drain_ms",
      std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(took).count()));

  // Node B. The buyers come back and resume from the last id they saw: they get exactly the
  // messages stored after it.
  const std::vector<std::string> tokens{"drain-buyer-1", "drain-buyer-2"};
  std::vector<std::unique_ptr<WsClient>> back;
  for (std::size_t s = 0; s < 2; ++s) {
    back.push_back(std::make_unique<WsClient>(node_b()));
    auto welcome = back[s]->request(hello_buyer(buyer_token(tokens[s])));
    ASSERT_TRUE(welcome && welcome->has_welcome());
    const auto all = synced_pairs(*back[s], senders[s].conv, "", "all");
    std::vector<std::pair<std::string, std::string>> missed;
    for (const auto& m : all)
      if (compare_ids(m.first, seen[s].last_message_id) > 0) missed.push_back(m);
    EXPECT_EQ(synced_pairs(*back[s], senders[s].conv, seen[s].last_message_id, "resume"), missed);
  }

  // The agent comes back on node B: still online, both conversations still theirs.
  auto again = std::make_unique<WsClient>(node_b());
  auto welcome = again->request(hello_agent(login_at(node_b(), "a1")));
  ASSERT_TRUE(welcome && welcome->has_welcome());
  EXPECT_EQ(welcome->welcome().presence(), v1::PRESENCE_ONLINE);
  std::set<std::string> owned;
  for (const auto& c : welcome->welcome().conversations()) owned.insert(c.id());
  EXPECT_TRUE(owned.contains(c1) && owned.contains(c2)) << "the drain cost a1 a conversation";

  // Everything not acknowledged on node A is sent again on node B with its client message id:
  // none of it had been stored (a request refused or never answered was not done at all).
  std::vector<WsClient*> resenders{back[0].get(), back[1].get(), again.get()};
  for (std::size_t s = 0; s < senders.size(); ++s)
    for (const auto& cmid : sent[s]) {
      if (seen[s].acked.contains(cmid)) continue;
      auto ack = say(*resenders[s], senders[s].conv, "消息 " + cmid, cmid);
      ASSERT_TRUE(ack.has_ack()) << ack.DebugString();
      EXPECT_FALSE(ack.ack().duplicate()) << cmid << " was stored though not acknowledged";
    }

  // Each conversation holds every message exactly once, acknowledged ones under their ids.
  for (const std::string& conv : {c1, c2}) {
    std::map<std::string, int> count;
    std::map<std::string, std::string> id_of;
    for (const auto& [id, cmid] : synced_pairs(*again, conv, "", "final-" + conv)) {
      ++count[cmid];
      id_of[cmid] = id;
    }
    for (std::size_t s = 0; s < senders.size(); ++s) {
      if (senders[s].conv != conv) continue;
      for (const auto& cmid : sent[s]) {
        EXPECT_EQ(count[cmid], 1) << cmid;
        if (auto it = seen[s].acked.find(cmid); it != seen[s].acked.end()) {
          EXPECT_EQ(id_of[cmid], it->second) << cmid << " is stored under another id";
        }
      }
    }
  }
}

class DrainSlowReader : public DrainE2E {
 protected:
  static constexpr std::uint32_t kDrainSeconds = 2;
  v1::ServerConfig config() const override {
    auto c = drain_config(kDrainSeconds);
    // Room to queue much more than the sockets hold, so the client is not cut off as a slow
    // reader before the drain: the drain itself has to give up on it.
    c.mutable_limits()->set_max_send_queue_bytes(256u * 1024 * 1024);
    return c;
  }
};

TEST_F(DrainSlowReader, AClientThatDoesNotReadEndsAtDrainSecondsAndTheNodeExitsZero) {
  auto a1 = agent("a1");
  auto b = buyer("drain-slow");
  const std::string conv = start(*b);
  for (int i = 0; i < 30; ++i)
    ASSERT_TRUE(
        say(*b, conv, std::string(16000, 'a' + i % 26), "big-" + std::to_string(i)).has_ack());

  // The same buyer in a tab that reads nothing (its receive window kept small), asking for
  // the 480 KB history again and again: megabytes wait in its send queue.
  RawWs slow{port(), {}, 4096};
  v1::ClientFrame hello = hello_buyer(buyer_token("drain-slow"));
  hello.set_request_id("h");
  slow.send(RawFrame{true, 0, opcode::kBinary, true, hello.SerializeAsString()});
  ASSERT_TRUE(slow.read());  // the welcome
  v1::ClientFrame sync;
  sync.mutable_sync_conversation()->set_conversation_id(conv);
  const std::string sync_bytes =
      RawWs::encode(RawFrame{true, 0, opcode::kBinary, true, sync.SerializeAsString()});
  for (int i = 0; i < 40; ++i) slow.send_bytes(sync_bytes);
  // And live: the agent's long replies, pushed to the tab as they are stored.
  for (int i = 0; i < 100; ++i)
    ASSERT_TRUE(
        say(*a1, conv, std::string(16000, 'A' + i % 26), "long-" + std::to_string(i)).has_ack());
  // The server has read them all (a ping's answer comes after them), and cut nobody.
  v1::ClientFrame ping;
  ping.mutable_ping();
  ASSERT_TRUE(a1->request(ping));
  ASSERT_EQ(metric(port(), "kefu_slow_clients_cut_total"), 0);

  const auto signalled = std::chrono::steady_clock::now();
  server_exits_in_this_test();
  server().signal(SIGTERM);
  // The reading clients are told and closed as usual.
  Seen agent_saw;
  read_frames(*a1, agent_saw);
  EXPECT_GE(agent_saw.draining_at, 0);
  EXPECT_EQ(agent_saw.close_code, kServiceRestart);
  auto status = server().wait_for_exit(std::chrono::seconds(kDrainSeconds + 5));
  const auto took = std::chrono::steady_clock::now() - signalled;
  ASSERT_TRUE(status) << "node A still runs after drain_seconds";
  EXPECT_TRUE(WIFEXITED(*status) && WEXITSTATUS(*status) == 0) << "status " << *status;
  // It waited for the slow client until drain_seconds (not less: its frames never went out),
  // then cut it.
  EXPECT_GE(took, std::chrono::seconds(kDrainSeconds) - 200ms);
  EXPECT_TRUE(slow.tcp_closed(2s));
}

}  // namespace
}  // namespace kefu::test
