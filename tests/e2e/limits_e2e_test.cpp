// Resource limits under attack (issue 10): floods get ERROR_CODE_RATE_LIMITED with the wait to
// keep, sockets that never say hello are closed, a client that stops reading is cut off with
// the server's memory bounded, and bad protobuf or JSON gets a clear error. Everyone else keeps
// being served and nothing acknowledged is lost or stored twice. Under overload (issue 8) a
// worker whose bus runs late refuses new messages, retryable, instead of storing them for a
// delivery seconds away.
#include <fstream>
#include <map>
#include <set>

#include "e2e_fixture.h"
#include "raw_ws.h"

namespace kefu::test {
namespace {

// The server's resident memory in KiB (Linux).
std::int64_t rss_kib(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line))
    if (line.starts_with("VmRSS:")) return std::stoll(line.substr(6));
  return -1;
}

v1::ClientFrame ping_frame() {
  v1::ClientFrame f;
  f.mutable_ping();
  return f;
}

class Limits : public E2E {
 protected:
  // Waits (a bounded number of metric reads, no sleeps) until a metric reaches `at_least`.
  bool metric_reaches(const std::string& name, std::int64_t at_least) {
    for (int i = 0; i < 200; ++i)
      if (metric(port(), name) >= at_least) return true;
    return false;
  }
};

// ---------- connections that never authenticate ----------

TEST_F(Limits, ASocketWithoutHelloIsClosedAfterTheTimeout) {
  auto b = buyer("patient");
  RawWs idle{port()};
  // Not before its time: a few checks of the clock go by and the socket stays open.
  EXPECT_FALSE(idle.read(std::chrono::milliseconds(600)));
  advance_server_time(std::chrono::seconds(11));  // the default hello timeout is 10 s
  EXPECT_EQ(idle.read_close_code(), kPolicyViolation);
  idle.send(RawFrame{true, 0, opcode::kClose, true, RawWs::close_payload(kPolicyViolation)});
  EXPECT_TRUE(idle.tcp_closed());
  // The authenticated buyer is not touched.
  auto pong = b->request(ping_frame());
  EXPECT_TRUE(pong && pong->has_pong());
  EXPECT_GE(metric(port(), "kefu_hello_timeouts_total"), 1);
}

TEST_F(Limits, HundredsOfIdleSocketsAreAllClosed) {
  const std::int64_t before = metric(port(), "kefu_websocket_connections");
  std::vector<std::unique_ptr<RawWs>> idle;
  for (int i = 0; i < 300; ++i) idle.push_back(std::make_unique<RawWs>(port()));
  EXPECT_TRUE(metric_reaches("kefu_websocket_connections", before + 300));
  advance_server_time(std::chrono::seconds(11));
  for (auto& ws : idle) EXPECT_EQ(ws->read_close_code(), kPolicyViolation);
  idle.clear();  // the clients go away; the server forgets them
  std::int64_t open = -1;
  for (int i = 0; i < 200 && open != before; ++i)
    open = metric(port(), "kefu_websocket_connections");
  EXPECT_EQ(open, before);
  auto b = buyer("after-the-crowd");
  EXPECT_TRUE(b->request(ping_frame()));
}

// ---------- floods ----------

TEST_F(Limits, AFloodedConnectionIsRateLimitedWithARetryHint) {
  auto a1 = agent("a1");
  auto b = buyer("bystander");
  const std::string conv = start(*b);
  WsClient flood{port()};
  for (int i = 0; i < 100; ++i) {
    v1::ClientFrame f = ping_frame();
    f.set_request_id("flood-" + std::to_string(i));
    flood.send(f);
  }
  int pongs = 0, limited = 0;
  std::int64_t retry_after = 0;
  for (int i = 0; i < 100; ++i) {
    auto f = flood.read();
    ASSERT_TRUE(f) << "answer " << i << " missing";
    EXPECT_EQ(f->request_id(), "flood-" + std::to_string(i)) << "every frame is answered, in order";
    if (f->has_pong()) ++pongs;
    if (f->has_error()) {
      ++limited;
      EXPECT_EQ(f->error().code(), v1::ERROR_CODE_RATE_LIMITED);
      EXPECT_TRUE(f->error().retryable());
      EXPECT_GT(f->error().retry_after_ms(), 0);
      retry_after = f->error().retry_after_ms();
    }
  }
  // The default burst is 60 frames, refilled at 20 a second.
  EXPECT_GE(pongs, 60);
  EXPECT_LT(pongs, 70);
  EXPECT_EQ(pongs + limited, 100);
  // After the wait it was told, the client is served again.
  advance_server_time(std::chrono::milliseconds(retry_after));
  auto pong = flood.request(ping_frame());
  ASSERT_TRUE(pong);
  EXPECT_TRUE(pong->has_pong()) << pong->DebugString();
  // Nobody else noticed.
  auto ack = say(*b, conv, "still here", "bystander-1");
  EXPECT_TRUE(ack.has_ack()) << ack.DebugString();
  EXPECT_GE(metric(port(), "kefu_frames_rate_limited_total"), limited);
}

TEST_F(Limits, ABuyerIsLimitedOverAllTheirConnections) {
  auto a1 = agent("a1");
  auto tab1 = buyer("chatty");
  auto tab2 = buyer("chatty");
  const std::string conv = start(*tab1);
  std::set<std::string> acked;
  std::vector<std::string> refused;
  std::int64_t retry_after = 0;
  // Two tabs, 30 messages: the buyer's burst (20, counted with the start) is shared by both.
  for (int i = 0; i < 30; ++i) {
    const std::string cmid = "m-" + std::to_string(i);
    auto answer = say(i % 2 ? *tab2 : *tab1, conv, "message " + std::to_string(i), cmid);
    if (answer.has_ack()) {
      acked.insert(answer.ack().message_id());
    } else {
      ASSERT_TRUE(answer.has_error()) << answer.DebugString();
      EXPECT_EQ(answer.error().code(), v1::ERROR_CODE_RATE_LIMITED);
      EXPECT_TRUE(answer.error().retryable());
      retry_after = std::max(retry_after, answer.error().retry_after_ms());
      refused.push_back(cmid);
    }
  }
  EXPECT_EQ(acked.size(), 19u) << "20 at once, one of them the start";
  EXPECT_EQ(refused.size(), 11u);
  // Other buyers have their own budget.
  auto other = buyer("quiet");
  EXPECT_TRUE(say(*other, start(*other), "hello", "q-1").has_ack());
  // After waiting, the refused messages are resent and stored once each.
  advance_server_time(std::chrono::milliseconds(retry_after) + std::chrono::seconds(60));
  for (const auto& cmid : refused) {
    auto ack = say(*tab1, conv, "again", cmid);
    ASSERT_TRUE(ack.has_ack()) << ack.DebugString();
    EXPECT_FALSE(ack.ack().duplicate()) << "a refused message was not stored the first time";
    acked.insert(ack.ack().message_id());
  }
  // Exactly what was acknowledged is stored: nothing lost, nothing twice.
  v1::ClientFrame sync;
  sync.mutable_sync_conversation()->set_conversation_id(conv);
  sync.set_request_id("sync-all");
  a1->send(sync);
  std::set<std::string> stored;
  while (auto f = a1->answer("sync-all")) {
    if (f->has_sync_done()) break;
    if (f->has_message() && f->message().message().sender_role() == v1::ROLE_BUYER)
      stored.insert(f->message().message().id());
  }
  EXPECT_EQ(stored, acked);
}

// ---------- bad protobuf and JSON ----------

TEST_F(Limits, BadPayloadsGetMalformedFrameAndTheConnectionStaysUsable) {
  v1::ClientFrame good;
  good.set_request_id("good");
  good.mutable_send_message()->set_conversation_id("1");
  good.mutable_send_message()->set_client_message_id("c");
  good.mutable_send_message()->set_text(std::string(300, 't'));
  const std::string bytes = good.SerializeAsString();
  const std::pair<std::string, bool> cases[] = {
      {bytes.substr(0, bytes.size() / 2), false},  // truncated inside the text
      {bytes.substr(0, 3), false},                 // truncated inside a length
      {std::string("\x0a\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01", 11), false},  // overlong varint
      {std::string("\x07", 1), false},                          // wire type 7 does not exist
      {"[1,2,3]", true},                                        // JSON, not an object
      {R"({"requestId":["a"]})", true},                         // an array for a string
      {R"({"sendMessage":"hi"})", true},                        // a string for a message
      {R"({"rateConversation":{"score":1e400}})", true},        // out of range
      {std::string(2000, '[') + std::string(2000, ']'), true},  // nesting too deep
      {R"({"requestId":"x"} trailing)", true},
      {"", true},  // no payload at all: the message is whole with its header
  };
  WsClient bin{port()}, json{port(), true};
  for (const auto& [payload, text] : cases) {
    WsClient& c = text ? json : bin;
    c.send_raw(payload, text);
    auto err = c.read();
    ASSERT_TRUE(err) << "no answer to " << payload.substr(0, 40);
    ASSERT_TRUE(err->has_error()) << err->DebugString();
    EXPECT_EQ(err->error().code(), v1::ERROR_CODE_MALFORMED_FRAME)
        << testing::PrintToString(payload.substr(0, 40));
    EXPECT_FALSE(err->error().text().empty());
  }
  EXPECT_TRUE(bin.request(ping_frame()));
  EXPECT_TRUE(json.request(ping_frame()));
}

TEST_F(Limits, UnknownEnumNamesInJsonAreRefusedByTheRequest) {
  // Unknown names are read as "unspecified" (newer clients may know more values); the request
  // that needs the value then names the field.
  auto a1 = agent("a1", false, true);
  a1->send_raw(R"({"requestId":"p","setPresence":{"presence":"PRESENCE_SLEEPING"}})", true);
  auto err = a1->answer("p");
  ASSERT_TRUE(err && err->has_error());
  EXPECT_EQ(err->error().code(), v1::ERROR_CODE_INVALID_ARGUMENT);
  EXPECT_NE(err->error().text().find("presence"), std::string::npos);
}

// ---------- a client that stops reading ----------

class SlowReader : public Limits {
 protected:
  v1::ServerConfig config() const override {
    auto c = test_config();
    c.mutable_limits()->set_max_send_queue_bytes(1024 * 1024);
    c.mutable_limits()->set_buyer_message_burst(100);
    c.mutable_limits()->set_frame_burst(1000);
    return c;
  }
};

TEST_F(SlowReader, IsCutOffAndTheServerDoesNotGrow) {
  auto a1 = agent("a1");
  auto b = buyer("reader");
  const std::string conv = start(*b);
  // 30 messages of 16 KB: every sync of the conversation sends the client about 480 KB.
  for (int i = 0; i < 30; ++i)
    ASSERT_TRUE(
        say(*b, conv, std::string(16000, 'a' + i % 26), "big-" + std::to_string(i)).has_ack());

  // The same buyer in a tab that reads nothing (its receive window kept small).
  RawWs slow{port(), {}, 4096};
  v1::ClientFrame hello = hello_buyer(buyer_token("reader"));
  hello.set_request_id("h");
  slow.send(RawFrame{true, 0, opcode::kBinary, true, hello.SerializeAsString()});
  ASSERT_TRUE(slow.read());  // the welcome

  const std::int64_t rss_before = rss_kib(server().pid());
  v1::ClientFrame sync;
  sync.mutable_sync_conversation()->set_conversation_id(conv);
  const std::string sync_bytes =
      RawWs::encode(RawFrame{true, 0, opcode::kBinary, true, sync.SerializeAsString()});
  bool cut = false;
  // Up to 100 MB asked for; the server must give up on the client long before.
  for (int i = 0; i < 200 && !cut; ++i) {
    slow.send_bytes(sync_bytes);
    cut = metric(port(), "kefu_slow_clients_cut_total") >= 1;
  }
  EXPECT_TRUE(cut) << "the slow client was never cut off";
  const std::int64_t rss_after = rss_kib(server().pid());
  RecordProperty("rss_growth_kib", std::to_string(rss_after - rss_before));
  EXPECT_LT(rss_after - rss_before, 64 * 1024)
      << "the server grew by " << (rss_after - rss_before) << " KiB for one slow client";
  EXPECT_TRUE(slow.tcp_closed(std::chrono::seconds(10)));
  // Everyone else is served, and every message is still there for a client that reads.
  auto ack = say(*b, conv, "after the slow reader", "after");
  ASSERT_TRUE(ack.has_ack()) << ack.DebugString();
  v1::ClientFrame all;
  all.set_request_id("all");
  all.mutable_sync_conversation()->set_conversation_id(conv);
  b->send(all);
  int messages = 0;
  while (auto f = b->answer("all")) {
    if (f->has_sync_done()) break;
    ASSERT_TRUE(f->has_message()) << f->DebugString();
    ++messages;
  }
  EXPECT_EQ(messages, 31);
}

TEST_F(SlowReader, ALongHistoryReachesAReaderPageByPage) {
  auto a1 = agent("a1");
  auto b = buyer("long-history");
  const std::string conv = start(*b);
  // 80 messages of 16 KB: 1.3 MB, more than the send queue may hold at once.
  std::vector<std::string> ids;
  for (int i = 0; i < 80; ++i) {
    auto ack = say(*b, conv, std::string(16000, 'a' + i % 26), "long-" + std::to_string(i));
    ASSERT_TRUE(ack.has_ack()) << ack.DebugString();
    ids.push_back(ack.ack().message_id());
  }
  WsClient tab{port()};
  ASSERT_TRUE(tab.request(hello_buyer(buyer_token("long-history"))));
  v1::ClientFrame sync;
  sync.set_request_id("history");
  sync.mutable_sync_conversation()->set_conversation_id(conv);
  tab.send(sync);
  std::vector<std::string> got;
  while (auto f = tab.answer("history")) {
    if (f->has_sync_done()) break;
    ASSERT_TRUE(f->has_message()) << f->DebugString();
    got.push_back(f->message().message().id());
  }
  EXPECT_EQ(got, ids) << "every message once, in order";
  EXPECT_FALSE(tab.closed());
  EXPECT_EQ(metric(port(), "kefu_slow_clients_cut_total"), 0);
}

// ---------- a bus running late (issue 8, overload) ----------

class BusLate : public Limits {
 protected:
  v1::ServerConfig config() const override {
    auto c = test_config();
    c.mutable_limits()->set_max_bus_lag_ms(200);
    lift_rate_limits(c);  // the buyer's rates (tested above): out of the way of its resends
    return c;
  }
};

TEST_F(BusLate, MessagesAreRefusedWhileItIsLateAndTakenOnceItCatchesUp) {
  auto a = agent("a1");
  auto b = buyer("late-bus-buyer");
  const std::string conv = start(*b);
  ASSERT_TRUE(
      a->read_until([](const v1::ServerFrame& f) { return f.has_conversation_assigned(); }));
  ASSERT_TRUE(say(*b, conv, "before", "m0").has_ack());

  // Redis holds every write, PUBLISH and the message scripts included, as a Redis too busy to
  // keep up would: the workers' probes stay out and grow older than the 200 ms limit.
  redis().command_str({"CLIENT", "PAUSE", "20000", "WRITE"});
  std::map<std::string, std::string> cmid_of;  // request id → client message id
  std::map<std::string, std::string> acked;    // client message id → message id
  std::optional<v1::ServerFrame> refusal;
  std::string refused_cmid;
  const auto take = [&](const v1::ServerFrame& f) {
    if (f.has_ack()) {
      EXPECT_TRUE(acked.emplace(f.ack().client_message_id(), f.ack().message_id()).second)
          << "acknowledged twice: " << f.ack().client_message_id();
    } else if (f.has_error() && cmid_of.contains(f.request_id())) {
      EXPECT_EQ(f.error().code(), v1::ERROR_CODE_UNAVAILABLE) << f.DebugString();
      if (!refusal) {
        refusal = f;
        refused_cmid = cmid_of[f.request_id()];
      }
    }
  };
  // Each message waits in Redis (no answer) until the server sees its bus is late: from then on
  // each is answered at once, though Redis is still paused.
  for (int k = 1; k <= 40 && !refusal; ++k) {
    const std::string cmid = "m" + std::to_string(k), rid = "send-" + cmid;
    cmid_of[rid] = cmid;
    b->send(send_message_frame(conv, "text of " + cmid, cmid, rid));
    while (auto f = b->read(std::chrono::milliseconds(150))) take(*f);
  }
  ASSERT_TRUE(refusal) << "no refusal while Redis held the probes for 6 s";
  EXPECT_TRUE(refusal->error().retryable());
  EXPECT_GE(refusal->error().retry_after_ms(), 250);
  EXPECT_NE(refusal->error().text().find("ms late"), std::string::npos) << refusal->DebugString();
  EXPECT_TRUE(acked.empty()) << "nothing can be stored while Redis is paused";
  // /metrics tells what the node knows without waiting for Redis (its queue lengths would),
  // the refusal included.
  const auto scraped = std::chrono::steady_clock::now();
  EXPECT_GE(metric(port(), "kefu_refused_bus_late_total"), 1);
  EXPECT_LT(std::chrono::steady_clock::now() - scraped, std::chrono::seconds(5));
  // Reads that touch no bus are still served.
  auto pong = b->request(ping_frame());
  EXPECT_TRUE(pong && pong->has_pong());

  redis().command_str({"CLIENT", "UNPAUSE"});
  // The refused message, sent again as a client does (same client message id), is taken once
  // the bus is on time again; the ones that waited are acknowledged as Redis runs them.
  for (int attempt = 0; attempt < 100 && !acked.contains(refused_cmid); ++attempt) {
    const std::string rid = "again-" + std::to_string(attempt);
    cmid_of[rid] = refused_cmid;
    b->send(send_message_frame(conv, "text of " + refused_cmid, refused_cmid, rid));
    while (auto f = b->read(std::chrono::milliseconds(100))) take(*f);
  }
  while (auto f = b->read(std::chrono::milliseconds(300))) take(*f);
  std::set<std::string> sent;
  for (const auto& [rid, cmid] : cmid_of) sent.insert(cmid);
  for (const auto& cmid : sent) EXPECT_TRUE(acked.contains(cmid)) << "never acknowledged: " << cmid;

  // The agent gets each of them once (m0 first), and Redis holds each once.
  std::multiset<std::string> delivered;
  while (delivered.size() < acked.size() + 1) {
    auto f = a->read_until([](const v1::ServerFrame& x) { return x.has_message(); });
    if (!f) break;
    delivered.insert(f->message().message().client_message_id());
  }
  for (const auto& [cmid, id] : acked) EXPECT_EQ(delivered.count(cmid), 1u) << cmid;
  const auto stored =
      redis().command_array({"XRANGE", kShopKeyPrefix + "conv:" + conv + ":msgs", "-", "+"});
  EXPECT_EQ(stored.size(), acked.size() + 1);  // m0 too
}

}  // namespace
}  // namespace kefu::test
