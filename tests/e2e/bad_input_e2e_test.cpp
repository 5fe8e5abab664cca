// Bad input over the WebSocket and HTTP: a clear error (or the fitting close code), a log
// line, and the server keeps serving everyone else (issue 2).
#include <thread>

#include <boost/beast/websocket/rfc6455.hpp>

#include "e2e_fixture.h"

namespace kefu::test {
namespace {

// Every case runs beside bystanders, a buyer and an agent who keep chatting while someone
// else misbehaves.
class BadInput : public E2E {
 protected:
  void SetUp() override {
    E2E::SetUp();
    a1 = agent("a1");
    b = buyer("bystander");
    conv = start(*b);
  }
  void expect_still_serving(const std::string& cmid) {
    auto ack = say(*b, conv, "still there?", cmid);
    ASSERT_TRUE(ack.has_ack()) << ack.DebugString();
    auto got = a1->read_until([&](auto& f) {
      return f.has_message() && f.message().message().client_message_id() == cmid;
    });
    EXPECT_TRUE(got) << "the bystanders' chat stopped working";
  }
  std::unique_ptr<WsClient> a1, b;
  std::string conv;
};

TEST_F(BadInput, GarbageBinaryFrameGetsMalformedError) {
  WsClient bad{port()};
  bad.send_raw(std::string("\xff\xff\xff\xff\x0f garbage", 14), false);
  auto err = bad.read();
  ASSERT_TRUE(err && err->has_error());
  EXPECT_EQ(err->error().code(), v1::ERROR_CODE_MALFORMED_FRAME);
  v1::ClientFrame ping;
  ping.mutable_ping();
  auto pong = bad.request(ping);
  EXPECT_TRUE(pong && pong->has_pong()) << "the connection should stay usable";
  expect_still_serving("after-garbage");
}

TEST_F(BadInput, MalformedJsonNamesTheRequest) {
  WsClient bad{port(), true};
  bad.send_raw(R"({"requestId":"q-7","sendMessage":{"text":42,)", true);
  auto err = bad.read();
  ASSERT_TRUE(err && err->has_error());
  EXPECT_EQ(err->error().code(), v1::ERROR_CODE_MALFORMED_FRAME);
  EXPECT_EQ(err->request_id(), "q-7");
  expect_still_serving("after-bad-json");
}

TEST_F(BadInput, WrongTypeInJsonIsMalformed) {
  WsClient bad{port(), true};
  bad.send_raw(R"({"requestId":"q-8","hello":{"buyerToken":12}})", true);
  auto err = bad.read();
  ASSERT_TRUE(err && err->has_error());
  EXPECT_EQ(err->error().code(), v1::ERROR_CODE_MALFORMED_FRAME);
}

TEST_F(BadInput, FrameWithoutARequestIsUnknownType) {
  WsClient bad{port()};
  auto hello = bad.request(hello_buyer(buyer_token("someone")));
  ASSERT_TRUE(hello && hello->has_welcome());
  v1::ClientFrame empty;
  empty.set_request_id("empty-1");
  bad.send(empty);
  auto err = bad.answer("empty-1");
  ASSERT_TRUE(err && err->has_error());
  EXPECT_EQ(err->error().code(), v1::ERROR_CODE_UNKNOWN_TYPE);
}

TEST_F(BadInput, FrameOverTheLimitClosesWith1009) {
  WsClient bad{port()};
  bad.send_raw(std::string(70 * 1024, 'x'), false);
  auto f = bad.read();
  EXPECT_FALSE(f);
  EXPECT_TRUE(bad.closed());
  EXPECT_EQ(bad.close_code(), static_cast<int>(boost::beast::websocket::close_code::too_big));
  expect_still_serving("after-too-big");
}

TEST_F(BadInput, InvalidUtf8TextFrameClosesWith1007) {
  WsClient bad{port(), true};
  bad.send_raw(std::string("{\"requestId\":\"\xc3\x28\"}"), true);
  auto f = bad.read();
  EXPECT_FALSE(f);
  EXPECT_TRUE(bad.closed());
  EXPECT_EQ(bad.close_code(), static_cast<int>(boost::beast::websocket::close_code::bad_payload));
  expect_still_serving("after-bad-utf8");
}

TEST_F(BadInput, RequestsBeforeHelloAreUnauthenticated) {
  WsClient bad{port()};
  v1::ClientFrame f;
  f.mutable_start_conversation();
  auto err = bad.request(f);
  ASSERT_TRUE(err && err->has_error());
  EXPECT_EQ(err->error().code(), v1::ERROR_CODE_UNAUTHENTICATED);
}

TEST_F(BadInput, BadBuyerTokensAreRefused) {
  struct Case {
    const char* name;
    std::string token;
  } cases[] = {
      {"garbage", "not-a-token"},
      {"wrong secret", buyer_token("eve", 3600000, kShop, "some-other-secret-0123456789")},
      {"expired", buyer_token("eve", -1000)},
      {"unknown shop", buyer_token("eve", 3600000, "no-such-shop")},
  };
  for (const auto& c : cases) {
    WsClient bad{port()};
    auto err = bad.request(hello_buyer(c.token));
    ASSERT_TRUE(err && err->has_error()) << c.name;
    EXPECT_EQ(err->error().code(), v1::ERROR_CODE_UNAUTHENTICATED) << c.name;
  }
  expect_still_serving("after-bad-tokens");
}

TEST_F(BadInput, BadAgentTokenIsRefused) {
  WsClient bad{port()};
  auto err = bad.request(hello_agent("0123456789abcdef"));
  ASSERT_TRUE(err && err->has_error());
  EXPECT_EQ(err->error().code(), v1::ERROR_CODE_UNAUTHENTICATED);
}

TEST_F(BadInput, InvalidSendMessageFieldsAreNamed) {
  auto e1 = say(*b, conv, "", "empty-text");
  ASSERT_TRUE(e1.has_error());
  EXPECT_EQ(e1.error().code(), v1::ERROR_CODE_INVALID_ARGUMENT);
  auto e2 = say(*b, conv, "no id", "");
  ASSERT_TRUE(e2.has_error());
  EXPECT_EQ(e2.error().code(), v1::ERROR_CODE_INVALID_ARGUMENT);
  auto e3 = say(*b, conv, std::string(17 * 1024, 'y'), "huge-text");
  ASSERT_TRUE(e3.has_error());
  EXPECT_EQ(e3.error().code(), v1::ERROR_CODE_INVALID_ARGUMENT);
}

TEST_F(BadInput, LoginErrors) {
  EXPECT_EQ(
      http_request(port(), "POST", "/api/login", R"({"login":"a1","password":"wrong"})").status,
      401u);
  EXPECT_EQ(
      http_request(port(), "POST", "/api/login", R"({"login":"nobody","password":"x"})").status,
      401u);
  auto malformed = http_request(port(), "POST", "/api/login", R"({"login":)");
  EXPECT_EQ(malformed.status, 400u);
  EXPECT_NE(malformed.body.find("bad_request"), std::string::npos);
  EXPECT_EQ(http_request(port(), "POST", "/api/login", R"({"password":"x"})").status, 400u);
  EXPECT_EQ(
      http_request(port(), "POST", "/api/login", "login=a1", "application/x-www-form-urlencoded")
          .status,
      415u);
  EXPECT_EQ(http_request(port(), "GET", "/api/login").status, 405u);
  EXPECT_FALSE(login("a1").empty());
}

TEST_F(BadInput, DemoBuyerTokensOnlyForDemoShops) {
  auto ok = http_request(port(), "POST", "/api/demo/buyer-token", R"({"shopId":"shop1"})");
  EXPECT_EQ(ok.status, 200u);
  EXPECT_NE(ok.body.find("token"), std::string::npos);
  EXPECT_EQ(http_request(port(), "POST", "/api/demo/buyer-token", R"({"shopId":"shop2"})").status,
            404u);
  auto control = http_request(port(), "POST", "/api/demo/buyer-token",
                              R"({"shopId":"shop1","buyerId":"a\u0001b"})");
  EXPECT_EQ(control.status, 400u);
  EXPECT_NE(control.body.find("buyerId"), std::string::npos);
  auto too_long = http_request(port(), "POST", "/api/demo/buyer-token",
                               R"({"shopId":"shop1","buyerId":")" + std::string(200, 'x') + "\"}");
  EXPECT_EQ(too_long.status, 400u);
}

TEST_F(BadInput, HealthzFollowsRedis) {
  EXPECT_EQ(http_request(port(), "GET", "/healthz").status, 200u);
  redis().stop();
  EXPECT_EQ(http_request(port(), "GET", "/healthz").status, 503u);
  redis().start();
  // The server reconnects with backoff: poll, as a load balancer would.
  unsigned status = 0;
  for (int i = 0; i < 100 && status != 200; ++i) {
    status = http_request(port(), "GET", "/healthz").status;
    if (status != 200) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(status, 200u);
}

}  // namespace
}  // namespace kefu::test
