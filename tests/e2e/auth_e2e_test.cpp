// Authentication under attack (issue 10): agent sessions expire and can be ended (logout, or a
// supervisor disabling the agent) with their open sockets closed, password guessing is slowed
// down, and browser pages of other sites cannot open a WebSocket.
#include <google/protobuf/util/json_util.h>

#include "e2e_fixture.h"
#include "kefu/v1/api.pb.h"
#include "raw_ws.h"

namespace kefu::test {
namespace {

v1::ClientFrame ping() {
  v1::ClientFrame f;
  f.mutable_ping();
  return f;
}

HttpResult login_as(std::uint16_t port, const std::string& login, const std::string& password) {
  return http_request(port, "POST", "/api/login",
                      R"({"login":")" + login + R"(","password":")" + password + R"("})");
}

HttpResult with_token(std::uint16_t port, const std::string& method, const std::string& path,
                      const std::string& token, const std::string& body = {}) {
  return http_request(port, method, path, body, "application/json",
                      {{"Authorization", "Bearer " + token}});
}

// The socket was told its session ended, then closed with 1008.
void expect_session_ended(WsClient& c, const std::string& why) {
  auto told = c.read_until([](const v1::ServerFrame& f) { return f.has_error(); });
  ASSERT_TRUE(told) << "no word of the session's end";
  EXPECT_EQ(told->error().code(), v1::ERROR_CODE_UNAUTHENTICATED);
  EXPECT_NE(told->error().text().find(why), std::string::npos) << told->error().text();
  EXPECT_FALSE(c.read(std::chrono::seconds(2)));
  EXPECT_TRUE(c.closed());
  EXPECT_EQ(c.close_code(), kPolicyViolation);
}

class Auth : public E2E {
 protected:
  v1::ServerConfig config() const override {
    auto c = test_config();
    c.mutable_limits()->clear_session_ttl_seconds();  // the default, 12 h
    return c;
  }
};

// The login answer says whether the account supervises: the supervisor page sends an agent
// back to the console without asking a supervisor endpoint first.
TEST_F(Auth, TheLoginAnswerSaysWhetherTheAccountSupervises) {
  for (const auto& [account, supervises] : {std::pair{"sup1", true}, std::pair{"a1", false}}) {
    const HttpResult res = login_as(port(), account, kAgentPassword);
    ASSERT_EQ(res.status, 200u) << account << ": " << res.body;
    v1::LoginResponse out;
    ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(res.body, &out).ok()) << res.body;
    EXPECT_EQ(out.supervisor(), supervises) << account;
    // What the flag promises: the supervisor API answers the one and refuses the other.
    const auto audit =
        with_token(port(), "GET", "/api/shops/shop1/audit?conversation=0", out.token());
    EXPECT_EQ(audit.status == 403u, !supervises) << account;
  }
}

TEST_F(Auth, SessionsExpireOnTheServersClock) {
  const std::string token = login("a1");
  WsClient open{port()};
  ASSERT_TRUE(open.request(hello_agent(token)));
  EXPECT_EQ(with_token(port(), "GET", "/api/shops/shop1/figures?agent=a1", token).status, 200u);

  advance_server_time(std::chrono::hours(12) + std::chrono::seconds(1));  // the default TTL
  EXPECT_EQ(with_token(port(), "GET", "/api/shops/shop1/figures?agent=a1", token).status, 401u);
  WsClient late{port()};
  auto refused = late.request(hello_agent(token));
  ASSERT_TRUE(refused && refused->has_error());
  EXPECT_EQ(refused->error().code(), v1::ERROR_CODE_UNAUTHENTICATED);
  // The socket opened before the expiry is ended (by its timer, or at this frame at the latest).
  open.send(ping());
  expect_session_ended(open, "expired");
  // A new login works.
  EXPECT_FALSE(login("a1").empty());
}

TEST_F(Auth, AnExpiredSessionsSocketIsClosedWithoutWaitingForAFrame) {
  WsClient open{port()};
  ASSERT_TRUE(open.request(hello_agent(login("a1"))));
  // A minute before the expiry the socket stays open.
  advance_server_time(std::chrono::hours(12) - std::chrono::minutes(1));
  EXPECT_FALSE(open.read(std::chrono::milliseconds(1500)));
  EXPECT_FALSE(open.closed());

  // Past it, the server's own timer closes the socket: the client sends nothing.
  advance_server_time(std::chrono::minutes(2));
  expect_session_ended(open, "expired");
  // Everyone else is still served (a buyer's token is good for a week of the moved clock).
  auto buyer = buyer_in(kShop, "bystander");
  EXPECT_TRUE(say(*buyer, start(*buyer), "still here?", "m1").has_ack());
}

TEST_F(Auth, LogoutEndsThatSessionAndClosesItsSocketsOnly) {
  const std::string laptop = login("a1"), phone = login("a1");
  auto a1_laptop = std::make_unique<WsClient>(port());
  ASSERT_TRUE(a1_laptop->request(hello_agent(laptop)));
  WsClient a1_phone{port()};
  ASSERT_TRUE(a1_phone.request(hello_agent(phone)));

  EXPECT_EQ(with_token(port(), "POST", "/api/logout", laptop).status, 200u);
  expect_session_ended(*a1_laptop, "logged out");
  EXPECT_EQ(with_token(port(), "GET", "/api/shops/shop1/figures?agent=a1", laptop).status, 401u);
  EXPECT_EQ(with_token(port(), "POST", "/api/logout", laptop).status, 401u) << "already ended";
  // The other session of the same agent goes on.
  auto pong = a1_phone.request(ping());
  EXPECT_TRUE(pong && pong->has_pong());
  EXPECT_EQ(with_token(port(), "GET", "/api/shops/shop1/figures?agent=a1", phone).status, 200u);
  EXPECT_EQ(http_request(port(), "POST", "/api/logout").status, 401u);
}

TEST_F(Auth, ADisabledAgentIsLockedOutAtOnce) {
  const std::string sup = login("sup1");
  const std::string token = login("a1");
  auto a1 = agent("a1");
  WsClient second{port()};
  ASSERT_TRUE(second.request(hello_agent(token)));
  // Only a supervisor disables (and not themselves through an agent's token).
  EXPECT_EQ(
      with_token(port(), "PUT", "/api/shops/shop1/agents/a2/enabled", token, R"({"enabled":false})")
          .status,
      403u);
  EXPECT_EQ(
      with_token(port(), "PUT", "/api/shops/shop1/agents/a1/enabled", sup, R"({"enabled":false})")
          .status,
      200u);
  expect_session_ended(*a1, "disabled");
  expect_session_ended(second, "disabled");
  EXPECT_EQ(with_token(port(), "GET", "/api/shops/shop1/figures?agent=a1", token).status, 401u);
  auto refused = login_as(port(), "a1", kAgentPassword);
  EXPECT_EQ(refused.status, 403u) << refused.body;
  // Out of routing: a new buyer goes to a2, never to a1.
  auto a2 = agent("a2");
  auto b = buyer("after-disable");
  v1::ClientFrame start;
  start.mutable_start_conversation();
  auto started = b->request(start);
  ASSERT_TRUE(started && started->has_conversation_started());
  EXPECT_EQ(started->conversation_started().conversation().agent_id(), "a2");
  // Enabled again, they log in.
  EXPECT_EQ(
      with_token(port(), "PUT", "/api/shops/shop1/agents/a1/enabled", sup, R"({"enabled":true})")
          .status,
      200u);
  EXPECT_FALSE(login("a1").empty());
}

TEST_F(Auth, PasswordGuessingIsSlowedDown) {
  for (int i = 0; i < 5; ++i) EXPECT_EQ(login_as(port(), "a1", "guess").status, 401u) << i;
  auto limited = login_as(port(), "a1", "guess");
  EXPECT_EQ(limited.status, 429u) << limited.body;
  EXPECT_NE(limited.body.find("try again in"), std::string::npos) << limited.body;
  // While limited, the right password is refused too: guessing cannot go on.
  EXPECT_EQ(login_as(port(), "a1", kAgentPassword).status, 429u);
  // Other logins are not held up by a1's attacker.
  EXPECT_FALSE(login("a2").empty());
  // 5 failures a minute: after a minute the right password works again.
  advance_server_time(std::chrono::seconds(61));
  EXPECT_EQ(login_as(port(), "a1", kAgentPassword).status, 200u);
}

TEST_F(Auth, ManyLoginNamesFromOneAddressAreSlowedDownToo) {
  // Four failures on each name: none reaches its own limit (5), the address (20) does. The
  // bucket refills a third of a failure a second meanwhile, so a few more may get through.
  int failures = 0;
  bool limited = false;
  for (int name = 0; name < 8 && !limited; ++name) {
    for (int i = 0; i < 4 && !limited; ++i) {
      const unsigned status = login_as(port(), "guess-" + std::to_string(name), "x").status;
      limited = status == 429;
      if (status == 401) ++failures;
    }
  }
  EXPECT_TRUE(limited) << "never limited after " << failures << " failures";
  EXPECT_GE(failures, 20);
  EXPECT_LE(failures, 24);
}

// ---------- Origin ----------

class Origins : public E2E {
 protected:
  v1::ServerConfig config() const override {
    auto c = test_config();
    c.add_allowed_origins("https://console.shop.example");
    return c;
  }
  std::string upgrade(const std::string& origin) {
    return RawWs::upgrade_response(port(), origin.empty() ? "" : "Origin: " + origin + "\r\n");
  }
};

TEST_F(Origins, BrowserPagesOfOtherSitesCannotConnect) {
  EXPECT_TRUE(upgrade("https://evil.example").starts_with("HTTP/1.1 403"));
  EXPECT_TRUE(upgrade("null").starts_with("HTTP/1.1 403"));
  EXPECT_TRUE(upgrade("https://console.shop.example.evil.example").starts_with("HTTP/1.1 403"));
  EXPECT_TRUE(upgrade("https://console.shop.example").starts_with("HTTP/1.1 101"));
  // Kefu's own pages (served from this port) and clients that are not browsers.
  EXPECT_TRUE(upgrade("http://127.0.0.1:" + std::to_string(port())).starts_with("HTTP/1.1 101"));
  EXPECT_TRUE(upgrade("").starts_with("HTTP/1.1 101"));
  // Refusing changes nothing for anyone else.
  auto b = buyer("unbothered");
  auto pong = b->request(ping());
  EXPECT_TRUE(pong && pong->has_pong());
}

}  // namespace
}  // namespace kefu::test
