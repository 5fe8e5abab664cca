#pragma once
// A real Redis and a real kefu-server with a test shop, and helpers to log agents in and
// connect buyers, for end-to-end tests.
#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>

#include "server_process.h"
#include "support/redis_server.h"
#include "ws_client.h"

namespace kefu::test {

inline constexpr const char* kShop = "shop1";
inline constexpr const char* kRotaShop = "shop3";
inline constexpr const char* kShiftShop = "shop4";
inline constexpr const char* kRoundRobinShop = "shop5";
inline constexpr const char* kBuyerSecret = "buyer-secret-for-tests-0123456789";
inline constexpr const char* kAgentPassword = "correct horse battery";
inline constexpr const char* kWebhookSecret = "webhook-secret-for-tests-0123456789";  // shop1
// Where shop1's keys live in Redis, for tests that look at the stored state itself.
inline const std::string kShopKeyPrefix = "kefu:{shop1}:";
// The WebSocket close code for a policy violation (RFC 6455 §7.4.1).
inline constexpr int kPolicyViolation = 1008;

class E2E : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // The test shop: agents a1, a2 (presale, capacity 2), b1 (aftersale), supervisor sup1
  // (group "leads", outside routing), no rota (everyone on
  // shift); a second shop "shop2" with agent x1; "shop3" with a rota that has nobody on shift
  // now (y1 presale, y2 aftersale); "shop4" on the three 8-hour shifts (e1 early, m1 middle,
  // n1 night; supervisor boss4); "shop5" routing round-robin (r1, r2, r3) with an automatic
  // greeting. Every agent's password is kAgentPassword.
  static v1::ServerConfig test_config();
  // For tests that send quickly and often: the per-buyer and per-connection rates (issue 10,
  // tested in limits_e2e_test) out of their way.
  static void lift_rate_limits(v1::ServerConfig& c);
  // The configuration SetUp starts the server with: test_config(), unless a suite changes it.
  virtual v1::ServerConfig config() const { return test_config(); }

  std::string login(const std::string& login, const std::string& password = kAgentPassword);
  std::string buyer_token(const std::string& buyer_id, std::int64_t ttl_ms = 3600 * 1000,
                          const std::string& shop = kShop,
                          const std::string& secret = kBuyerSecret);

  // Connected and said hello; agents are also set online when online is true.
  std::unique_ptr<WsClient> agent(const std::string& login, bool online = true, bool json = false) {
    return agent_at(port(), login, online, json);
  }
  std::unique_ptr<WsClient> buyer(const std::string& buyer_id, bool json = false) {
    return buyer_at(port(), buyer_id, json);
  }
  // The same on the server listening on `server_port` (issue 9: several nodes).
  std::unique_ptr<WsClient> agent_at(std::uint16_t server_port, const std::string& login,
                                     bool online = true, bool json = false);
  std::unique_ptr<WsClient> buyer_at(std::uint16_t server_port, const std::string& buyer_id,
                                     bool json = false);
  // A buyer of another shop (a token valid for a week, so moving the server's time is safe).
  std::unique_ptr<WsClient> buyer_in(const std::string& shop, const std::string& buyer_id);
  // Starts (or resumes) the buyer's conversation; returns its id.
  std::string start(WsClient& buyer);
  // The same, with the whole conversation as the server answered it.
  v1::Conversation start_conversation(WsClient& buyer);
  // Sends a message; returns the Ack frame (or an Error frame).
  v1::ServerFrame say(WsClient& client, const std::string& conversation, const std::string& text,
                      const std::string& client_message_id);

  // Moves the server's time (kefu-server --test-clock): no test waits for time to pass.
  void set_server_time(std::int64_t ms);
  void advance_server_time(std::chrono::milliseconds by);
  // The server's time now (it differs from ours once a test moved it).
  std::int64_t server_now_ms();

  // POST /api/shops/{shop}/order-events signed with shop1's webhook secret as platforms do,
  // stamped with the server's time unless `timestamp` (Unix seconds) is given.
  HttpResult post_order_events(const std::string& body,
                               const std::string& content_type = "application/json",
                               const std::string& shop = kShop,
                               std::optional<std::int64_t> timestamp = std::nullopt);
  // One platform event of shop1 (R-ORDER-1) as sent by post_order_events, and storing it.
  static std::string order_event_json(const std::string& event_id, const std::string& order_id,
                                      const std::string& buyer, const std::string& state,
                                      std::int64_t occurred_ms, std::int64_t amount_fen = 9900);
  void put_order(const std::string& buyer, const std::string& order, const std::string& state,
                 std::int64_t occurred_ms);

  // The Redis the server is started against: the test process's shared one, unless a suite
  // needs its own (one it restarts, with persistence).
  virtual RedisServer& redis() { return RedisServer::shared(); }
  // What SetUp waits for before the test runs.
  virtual ServerProcess::Ready ready() const { return ServerProcess::Ready::Healthy; }
  std::uint16_t port() const { return server_->port(); }
  ServerProcess& server() { return *server_; }
  // The test stops the server itself (issue 9: a drain ends in exit 0): TearDown does not
  // expect it alive.
  void server_exits_in_this_test() { server_may_exit_ = true; }

 private:
  std::unique_ptr<ServerProcess> server_;
  bool server_may_exit_ = false;
};

v1::ClientFrame hello_agent(const std::string& token);
// Unix ms of a local time in Asia/Shanghai (UTC+8, no daylight saving).
std::int64_t shanghai_ms(int year, unsigned month, unsigned day, int hour, int minute);
// The local date ("YYYY-MM-DD") in the shops' zone, `days` from today.
std::string shop_date_in_days(int days);
v1::ClientFrame hello_buyer(const std::string& token);
// A sendMessage frame (the request id left empty unless given: request() then makes one).
v1::ClientFrame send_message_frame(const std::string& conversation, const std::string& text,
                                   const std::string& client_message_id,
                                   const std::string& request_id = {});
// A ping, answered: an agent's connection shows it is alive (R-SHIFT-4), as the console's
// heartbeat does.
void ping(WsClient& c);
// The conversation's messages after `after` ("" = all) as `c` syncs them, in order; stops at
// SyncDone or when no answer comes.
std::vector<v1::Message> sync_after(WsClient& c, const std::string& conv, const std::string& after,
                                    const std::string& request_id = "resume");
std::vector<std::string> message_ids(const std::vector<v1::Message>& messages);
// R-ROUTE-10: `who` transfers (or reassigns) the conversation; returns the answer (an empty
// frame, and a test failure, when none came).
v1::ServerFrame transfer(WsClient& who, const std::string& conv, v1::TransferKind kind,
                         const std::string& to_agent, const std::string& to_group,
                         const std::string& note);

}  // namespace kefu::test
