#include "e2e_fixture.h"

#include "auth/buyer_token.h"
#include "auth/hmac.h"
#include "auth/password.h"
#include "kefu/v1/api.pb.h"

#include <google/protobuf/util/json_util.h>

#include <chrono>
#include <cstdio>

namespace kefu::test {

namespace {
const std::string& password_hash() {
  static const std::string h = auth::hash_password(kAgentPassword);
  return h;
}

void add_agent(v1::Shop* shop, const std::string& id, const std::string& group, unsigned capacity) {
  auto* a = shop->add_agents();
  a->set_id(id);
  a->set_login(id);
  a->set_display_name("Agent " + id);
  a->set_group(group);
  a->set_capacity(capacity);
  a->set_password_hash(password_hash());
}
}  // namespace

std::int64_t shanghai_ms(int year, unsigned month, unsigned day, int hour, int minute) {
  using namespace std::chrono;
  const sys_days date{std::chrono::year{year} / std::chrono::month{month} / std::chrono::day{day}};
  const auto t = date + hours{hour} + minutes{minute} - hours{8};
  return duration_cast<milliseconds>(t.time_since_epoch()).count();
}

void E2E::set_server_time(std::int64_t ms) {
  auto res = http_request(port(), "POST", "/api/test/clock",
                          R"({"setMs":")" + std::to_string(ms) + R"("})");
  ASSERT_EQ(res.status, 200u) << res.body;
}

void E2E::advance_server_time(std::chrono::milliseconds by) {
  auto res = http_request(port(), "POST", "/api/test/clock",
                          R"({"advanceMs":")" + std::to_string(by.count()) + R"("})");
  ASSERT_EQ(res.status, 200u) << res.body;
}

std::int64_t E2E::server_now_ms() {
  auto res = http_request(port(), "POST", "/api/test/clock", "{}");
  EXPECT_EQ(res.status, 200u) << res.body;
  const auto at = res.body.find("\"nowMs\":\"");
  if (at == std::string::npos) return 0;
  return std::stoll(res.body.substr(at + 9));
}

HttpResult E2E::post_order_events(const std::string& body, const std::string& content_type,
                                  const std::string& shop, std::optional<std::int64_t> timestamp) {
  const std::string ts = std::to_string(timestamp ? *timestamp : server_now_ms() / 1000);
  const std::string signature = "sha256=" + auth::hmac_sha256_hex(kWebhookSecret, ts + "." + body);
  return http_request(port(), "POST", "/api/shops/" + shop + "/order-events", body, content_type,
                      {{"X-Kefu-Timestamp", ts}, {"X-Kefu-Signature", signature}});
}

std::string E2E::order_event_json(const std::string& event_id, const std::string& order_id,
                                  const std::string& buyer, const std::string& state,
                                  std::int64_t occurred_ms, std::int64_t amount_fen) {
  using namespace std::chrono;
  const sys_time<milliseconds> t{milliseconds{occurred_ms}};
  const auto day = floor<days>(t);
  const year_month_day ymd{day};
  const hh_mm_ss<milliseconds> hms{t - day};
  char occurred[40];
  std::snprintf(occurred, sizeof occurred, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ",
                static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()), static_cast<int>(hms.hours().count()),
                static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()),
                static_cast<int>(hms.subseconds().count()));
  return R"({"eventId":")" + event_id + R"(","orderId":")" + order_id + R"(","buyerId":")" + buyer +
         R"(","state":")" + state + R"(","occurredAt":")" + occurred + R"(","amountFen":")" +
         std::to_string(amount_fen) + R"("})";
}

void E2E::put_order(const std::string& buyer, const std::string& order, const std::string& state,
                    std::int64_t occurred_ms) {
  static int seq = 0;
  const std::string event = "put-" + order + "-" + state + "-" + std::to_string(++seq);
  auto res = post_order_events(order_event_json(event, order, buyer, state, occurred_ms));
  ASSERT_EQ(res.status, 200u) << res.body;
}

std::string shop_date_in_days(int days) {
  using namespace std::chrono;
  // The shop's zone is Asia/Shanghai (UTC+8 all year).
  const auto local =
      floor<std::chrono::days>(system_clock::now() + hours{8} + std::chrono::days{days});
  const year_month_day ymd{local};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return text;
}

v1::ServerConfig E2E::test_config() {
  v1::ServerConfig config;
  // Sessions expire on the server's clock (issue 10), and tests move it by days and months with
  // agents logged in: ten years, unless a test is about expiry (auth_e2e_test).
  config.mutable_limits()->set_session_ttl_seconds(10u * 365 * 24 * 3600);
  // TearDown stops the server with SIGTERM, a drain (issue 9), while the suite's clients are
  // still open and not reading: each would hold the node for the whole drain time (10 s by
  // default, 25 suites' worth of CI time). One second, unless a test is about the drain.
  config.set_drain_seconds(1);
  auto* shop = config.add_shops();
  shop->set_id(kShop);
  shop->set_display_name("Test shop");
  shop->set_buyer_token_secret(kBuyerSecret);
  shop->set_webhook_secret("webhook-secret-for-tests-0123456789");
  shop->set_demo(true);
  add_agent(shop, "a1", "presale", 2);
  shop->mutable_agents(shop->agents_size() - 1)->set_hired_on("2026-01-15");  // R-SCORE-6 tenure
  add_agent(shop, "a2", "presale", 2);
  add_agent(shop, "b1", "aftersale", 2);
  // A supervisor outside the routing groups: takes escalations, reassigns (R-ROUTE-10).
  add_agent(shop, "sup1", "leads", 4);
  shop->mutable_agents(shop->agents_size() - 1)->set_supervisor(true);
  auto* other = config.add_shops();
  other->set_id("shop2");
  other->set_buyer_token_secret("another-secret-0123456789abcdef");
  add_agent(other, "x1", "presale", 2);

  // A shop that keeps a rota (R-SHIFT-2): y1 works only the early shift three days from now,
  // so nobody of its pre-sale group is on shift during a test (R-ROUTE-9).
  auto* rota_shop = config.add_shops();
  rota_shop->set_id(kRotaShop);
  rota_shop->set_buyer_token_secret(kBuyerSecret);
  add_agent(rota_shop, "y1", "presale", 2);
  add_agent(rota_shop, "y2", "aftersale", 2);
  auto* entry = rota_shop->add_rota();
  entry->set_agent_id("y1");
  entry->set_date(shop_date_in_days(3));
  entry->add_shifts("early");

  // A shop on the 24-hour rota of R-SHIFT-1 (early 06–14, middle 14–22, night 22–06):
  // e1 early, m1 middle, n1 night, every day.
  auto* shifts_shop = config.add_shops();
  shifts_shop->set_id(kShiftShop);
  shifts_shop->set_buyer_token_secret(kBuyerSecret);
  for (const auto& [id, shift] : {std::pair{"e1", "early"}, {"m1", "middle"}, {"n1", "night"}}) {
    add_agent(shifts_shop, id, "presale", 2);
    shifts_shop->mutable_agents(shifts_shop->agents_size() - 1)->add_standing_shifts(shift);
  }
  add_agent(shifts_shop, "boss4", "leads", 4);
  shifts_shop->mutable_agents(shifts_shop->agents_size() - 1)->set_supervisor(true);

  // A shop that routes round-robin (R-ROUTE-6, the shop's alternative): r1, r2, r3.
  auto* rr_shop = config.add_shops();
  rr_shop->set_id(kRoundRobinShop);
  rr_shop->set_buyer_token_secret(kBuyerSecret);
  rr_shop->mutable_routing()->set_strategy("round_robin");
  rr_shop->set_auto_greeting("您好，欢迎光临本店！");  // R-MSG-2
  for (const char* id : {"r1", "r2", "r3"}) add_agent(rr_shop, id, "presale", 5);

  // Test clients send no heartbeats and tests move the clock by hours: a gone agent's
  // conversations (issue 9) stay theirs for a month, unless a test is about that (nodes_e2e).
  for (auto& s : *config.mutable_shops()) s.mutable_routing()->set_orphan_grace_seconds(30 * 86400);
  return config;
}

void E2E::SetUp() {
  if (redis().running()) redis().flushall();  // a suite may start the server without Redis
  server_ = std::make_unique<ServerProcess>(config(), redis().url(), ready());
}

void E2E::TearDown() {
  if (server_ && !server_may_exit_) {
    EXPECT_TRUE(server_->alive()) << "kefu-server died during the test";
  }
  server_.reset();
}

std::string E2E::login(const std::string& login, const std::string& password) {
  auto res = http_request(port(), "POST", "/api/login",
                          R"({"login":")" + login + R"(","password":")" + password + R"("})");
  if (res.status != 200) return {};
  v1::LoginResponse out;
  if (!google::protobuf::util::JsonStringToMessage(res.body, &out).ok()) return {};
  return out.token();
}

std::string E2E::buyer_token(const std::string& buyer_id, std::int64_t ttl_ms,
                             const std::string& shop, const std::string& secret) {
  auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                 std::chrono::system_clock::now().time_since_epoch())
                 .count();
  return auth::sign_buyer_token(auth::BuyerClaims{shop, buyer_id, now + ttl_ms}, secret);
}

v1::ClientFrame hello_agent(const std::string& token) {
  v1::ClientFrame f;
  f.mutable_hello()->set_agent_session_token(token);
  return f;
}

std::vector<v1::Message> sync_after(WsClient& c, const std::string& conv, const std::string& after,
                                    const std::string& request_id) {
  v1::ClientFrame sync;
  sync.set_request_id(request_id);
  sync.mutable_sync_conversation()->set_conversation_id(conv);
  sync.mutable_sync_conversation()->set_after_message_id(after);
  c.send(sync);
  std::vector<v1::Message> got;
  while (auto f = c.answer(request_id)) {
    if (f->has_sync_done()) break;
    if (f->has_message()) got.push_back(f->message().message());
  }
  return got;
}

std::vector<std::string> message_ids(const std::vector<v1::Message>& messages) {
  std::vector<std::string> ids;
  for (const auto& m : messages) ids.push_back(m.id());
  return ids;
}

v1::ClientFrame hello_buyer(const std::string& token) {
  v1::ClientFrame f;
  f.mutable_hello()->set_buyer_token(token);
  return f;
}

void ping(WsClient& c) {
  v1::ClientFrame f;
  f.mutable_ping();
  ASSERT_TRUE(c.request(f));
}

v1::ServerFrame transfer(WsClient& who, const std::string& conv, v1::TransferKind kind,
                         const std::string& to_agent, const std::string& to_group,
                         const std::string& note) {
  v1::ClientFrame f;
  auto* t = f.mutable_transfer_conversation();
  t->set_conversation_id(conv);
  t->set_kind(kind);
  t->set_to_agent_id(to_agent);
  t->set_to_group(to_group);
  t->set_note(note);
  auto answer = who.request(f);
  EXPECT_TRUE(answer) << "no answer to the transfer";
  return answer ? *answer : v1::ServerFrame{};
}

std::unique_ptr<WsClient> E2E::agent_at(std::uint16_t server_port, const std::string& name,
                                        bool online, bool json) {
  auto c = std::make_unique<WsClient>(server_port, json);
  auto welcome = c->request(hello_agent(login(name)));
  EXPECT_TRUE(welcome && welcome->has_welcome())
      << (welcome ? welcome->DebugString() : "no answer");
  if (online) {
    v1::ClientFrame f;
    f.mutable_set_presence()->set_presence(v1::PRESENCE_ONLINE);
    auto changed = c->request(f);
    EXPECT_TRUE(changed && changed->has_presence_changed());
  }
  return c;
}

std::unique_ptr<WsClient> E2E::buyer_at(std::uint16_t server_port, const std::string& buyer_id,
                                        bool json) {
  auto c = std::make_unique<WsClient>(server_port, json);
  auto welcome = c->request(hello_buyer(buyer_token(buyer_id)));
  EXPECT_TRUE(welcome && welcome->has_welcome())
      << (welcome ? welcome->DebugString() : "no answer");
  return c;
}

std::unique_ptr<WsClient> E2E::buyer_in(const std::string& shop, const std::string& buyer_id) {
  auto c = std::make_unique<WsClient>(port());
  auto welcome = c->request(hello_buyer(buyer_token(buyer_id, 7LL * 24 * 3600 * 1000, shop)));
  EXPECT_TRUE(welcome && welcome->has_welcome())
      << (welcome ? welcome->DebugString() : "no answer");
  return c;
}

std::string E2E::start(WsClient& buyer) { return start_conversation(buyer).id(); }

v1::Conversation E2E::start_conversation(WsClient& buyer) {
  v1::ClientFrame f;
  f.mutable_start_conversation();
  auto started = buyer.request(f);
  EXPECT_TRUE(started && started->has_conversation_started())
      << (started ? started->DebugString() : "no answer");
  return started ? started->conversation_started().conversation() : v1::Conversation{};
}

void E2E::lift_rate_limits(v1::ServerConfig& c) {
  auto* limits = c.mutable_limits();
  limits->set_buyer_messages_per_minute(100000);
  limits->set_buyer_message_burst(100000);
  limits->set_frames_per_second(100000);
  limits->set_frame_burst(100000);
}

v1::ClientFrame send_message_frame(const std::string& conversation, const std::string& text,
                                   const std::string& client_message_id,
                                   const std::string& request_id) {
  v1::ClientFrame f;
  f.set_request_id(request_id);
  auto* m = f.mutable_send_message();
  m->set_conversation_id(conversation);
  m->set_text(text);
  m->set_client_message_id(client_message_id);
  return f;
}

v1::ServerFrame E2E::say(WsClient& client, const std::string& conversation, const std::string& text,
                         const std::string& client_message_id) {
  auto answer = client.request(send_message_frame(conversation, text, client_message_id));
  return answer ? *answer : v1::ServerFrame{};
}

}  // namespace kefu::test
