#include "app/http_api.h"

#include <google/protobuf/util/json_util.h>
#include <spdlog/spdlog.h>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include "app/json_body.h"
#include "auth/buyer_token.h"
#include "auth/password.h"
#include "auth/random_token.h"
#include "core/keys.h"
#include "core/node_metrics.h"
#include "kefu/v1/api.pb.h"

namespace kefu::app {

namespace {

// A real argon2id hash of nothing anyone knows: unknown logins are checked against it so a
// wrong login takes as long as a wrong password.
const std::string& decoy_hash() {
  static const std::string h = auth::hash_password(auth::random_token(16));
  return h;
}

// 429 with the wait in Retry-After (whole seconds, rounded up) and in the message.
net::HttpResponse too_many_logins(Millis retry_after) {
  const auto seconds = (retry_after.count() + 999) / 1000;
  net::HttpResponse res =
      api_error(429, "rate_limited",
                "too many failed logins: try again in " + std::to_string(seconds) + " s");
  res.headers.emplace_back("Retry-After", std::to_string(seconds));
  return res;
}

}  // namespace

void HttpApi::handle(const net::HttpRequest& req, net::Respond respond) {
  if (req.path == "/healthz") {
    if (req.method != "GET" && req.method != "HEAD")
      return respond(api_error(405, "method_not_allowed", "use GET"));
    return healthz(std::move(respond));
  }
  if (req.path == "/metrics") return metrics(std::move(respond));
  if (req.path == "/api/login") {
    if (req.method != "POST") return respond(api_error(405, "method_not_allowed", "use POST"));
    return login(req, std::move(respond));
  }
  if (req.path == "/api/logout") {
    if (req.method != "POST") return respond(api_error(405, "method_not_allowed", "use POST"));
    return logout(req, std::move(respond));
  }
  if (req.path == "/api/demo/buyer-token") {
    if (req.method != "POST") return respond(api_error(405, "method_not_allowed", "use POST"));
    return demo_buyer_token(req, std::move(respond));
  }
  if (order_events_ && order_events_->handle(req, respond)) return;
  if (kpi_ && kpi_->handle(req, respond)) return;
  if (supervisor_ && supervisor_->handle(req, respond)) return;
  if (settings_ && settings_->handle(req, respond)) return;
  if (req.path == "/api/test/clock" && test_clock_) {
    if (req.method != "POST") return respond(api_error(405, "method_not_allowed", "use POST"));
    return test_clock(req, std::move(respond));
  }
  respond(api_error(404, "not_found", "no such endpoint: " + req.path));
}

void HttpApi::test_clock(const net::HttpRequest& req, net::Respond respond) {
  v1::TestClockRequest body;
  net::HttpResponse error;
  if (!parse_body(req, body, error)) return respond(std::move(error));
  if (body.set_ms()) test_clock_->set(from_ms(body.set_ms()));
  if (body.advance_ms()) test_clock_->advance(Millis{body.advance_ms()});
  v1::TestClockResponse out;
  out.set_now_ms(test_clock_->now_ms());
  respond(ok_json(out));
}

void HttpApi::healthz(net::Respond respond) {
  // Healthy only while Redis answers: a PING through this worker's own connection.
  d_.redis.command({"PING"}, [respond = std::move(respond)](const redis::Reply& r) {
    net::HttpResponse res;
    res.content_type = "text/plain; charset=utf-8";
    if (!r.is_error() && r.str == "PONG") {
      res.body = "ok\n";
    } else {
      res.status = 503;
      res.body = "redis unavailable: " + r.str + "\n";
    }
    respond(std::move(res));
  });
}

void HttpApi::metrics(net::Respond respond) {
  // Issue 9: this node's figures, then each group's queue length as Redis has it now (shared
  // by all nodes: every node reports the same queues). Redis gets kMetricsRedisWait to answer:
  // a node whose Redis is stuck or overloaded (issue 8) still tells what it knows, and says
  // so, instead of leaving the scrape waiting behind its own commands.
  struct Scrape {
    explicit Scrape(boost::asio::io_context& io) : timer{io} {}
    std::string body;
    std::vector<std::string> labels;          // shop="…",group="…"
    std::vector<std::int64_t> queue_lengths;  // -1 = Redis did not answer
    std::size_t waiting = 0;
    net::Respond respond;
    boost::asio::steady_timer timer;
    bool finished = false;
    void finish() {
      if (finished) return;
      finished = true;
      timer.cancel();
      if (waiting > 0) body += "# kefu_queue_length: Redis did not answer in time\n";
      body += "# HELP kefu_queue_length Conversations waiting for an agent, per shop and group.\n";
      body += "# TYPE kefu_queue_length gauge\n";
      for (std::size_t i = 0; i < labels.size(); ++i)
        if (queue_lengths[i] >= 0)
          body += "kefu_queue_length{" + labels[i] + "} " + std::to_string(queue_lengths[i]) + "\n";
      net::HttpResponse res;
      res.content_type = "text/plain; version=0.0.4";
      res.body = std::move(body);
      respond(std::move(res));
    }
  };
  auto scrape = std::make_shared<Scrape>(d_.io);
  scrape->respond = std::move(respond);
  std::string& out = scrape->body;
  if (d_.counters) {
    const auto& c = *d_.counters;
    write_metric(out, "kefu_websocket_connections", "gauge", "Open WebSocket connections.",
                 c.websockets.load());
    write_metric(out, "kefu_frames_in_total", "counter", "WebSocket frames received.",
                 c.frames_in.load());
    write_metric(out, "kefu_frames_out_total", "counter", "WebSocket frames sent.",
                 c.frames_out.load());
    write_metric(out, "kefu_frames_rate_limited_total", "counter",
                 "Frames refused by the rate limits.", c.frames_rate_limited.load());
    write_metric(out, "kefu_slow_clients_cut_total", "counter",
                 "Connections closed because they did not read.", c.slow_clients_cut.load());
    write_metric(out, "kefu_hello_timeouts_total", "counter",
                 "Connections closed for saying no hello in time.", c.hello_timeouts.load());
  }
  write_metric(out, "kefu_redis_connected", "gauge", "1 when this worker's Redis answers.",
               d_.redis.connected() ? 1 : 0);
  node_metrics().write(out);

  std::vector<std::string> queue_keys;
  for (const auto& shop_id : d_.shops.shop_ids()) {
    const chat::ShopEntry* shop = d_.shops.shop(shop_id);
    if (!shop) continue;
    for (const auto& group : shop->rules.group_ids) {
      scrape->labels.push_back("shop=\"" + label_value(shop_id) + "\",group=\"" +
                               label_value(group) + "\"");
      queue_keys.push_back(keys::queue(shop_id, group));
    }
  }
  scrape->queue_lengths.assign(queue_keys.size(), -1);
  scrape->waiting = queue_keys.size();
  if (queue_keys.empty()) return scrape->finish();
  for (std::size_t i = 0; i < queue_keys.size(); ++i) {
    d_.redis.command({"ZCARD", queue_keys[i]}, [scrape, i](const redis::Reply& r) {
      if (scrape->finished) return;
      if (!r.is_error() && !r.is_unavailable()) scrape->queue_lengths[i] = r.integer;
      if (--scrape->waiting == 0) scrape->finish();
    });
  }
  scrape->timer.expires_after(kMetricsRedisWait);
  scrape->timer.async_wait([scrape](boost::system::error_code ec) {
    if (!ec) scrape->finish();
  });
}

void HttpApi::login(const net::HttpRequest& req, net::Respond respond) {
  v1::LoginRequest body;
  net::HttpResponse error;
  if (!parse_body(req, body, error)) return respond(std::move(error));
  if (body.login().empty())
    return respond(api_error(400, "bad_request", "login is required", "login"));
  if (body.password().empty())
    return respond(api_error(400, "bad_request", "password is required", "password"));

  const chat::ShopEntry* shop = nullptr;
  if (!body.shop_id().empty()) {
    shop = d_.shops.shop(body.shop_id());
    if (shop && !shop->agents_by_login.contains(body.login())) shop = nullptr;
  } else {
    auto shops = d_.shops.shops_with_login(body.login());
    if (shops.size() > 1)
      return respond(
          api_error(400, "bad_request", "this login works in several shops: say which", "shopId"));
    if (!shops.empty()) shop = shops.front();
  }
  const v1::AgentAccount* agent = shop ? shop->agents_by_login.find(body.login())->second : nullptr;
  const std::string hash = agent ? agent->password_hash() : decoy_hash();

  // Password guessing (issue 10): after too many failures for this login or from this address,
  // every attempt is refused until the wait is over, the right password too.
  const std::string name_key = body.login(), address_key = req.remote_address;
  const TimePoint now = d_.clock.now();
  for (const Admission a : {d_.limits.login_names.peek(name_key, now),
                            d_.limits.login_addresses.peek(address_key, now)})
    if (!a.allowed) return respond(too_many_logins(a.retry_after));

  // argon2id takes tens of milliseconds on purpose: never on an I/O thread.
  boost::asio::post(d_.slow_work, [this, hash, password = body.password(), shop, agent, name_key,
                                   address_key, respond = std::move(respond)]() mutable {
    const bool ok = auth::verify_password(hash, password) && agent != nullptr;
    boost::asio::post(d_.io, [this, ok, shop, agent, name_key, address_key,
                              respond = std::move(respond)]() mutable {
      if (!ok) {
        const TimePoint now = d_.clock.now();
        d_.limits.login_names.take(name_key, now);
        d_.limits.login_addresses.take(address_key, now);
        return respond(api_error(401, "unauthorized", "wrong login or password"));
      }
      // A disabled account gets no session (issue 10); checked before one is stored.
      d_.store.agent_enabled(
          shop->config.id(), agent->id(),
          [this, shop, agent, respond = std::move(respond)](chat::StoreError e, bool enabled) {
            if (e != chat::StoreError::None)
              return respond(api_error(503, "unavailable", "storage unavailable, try again"));
            if (!enabled)
              return respond(api_error(403, "forbidden", "this account is disabled in this shop"));
            start_session(*shop, *agent, std::move(respond));
          });
    });
  });
}

void HttpApi::start_session(const chat::ShopEntry& shop, const v1::AgentAccount& agent,
                            net::Respond respond) {
  const std::string token = auth::random_token();
  const auto ttl = std::chrono::seconds(d_.config.limits().session_ttl_seconds());
  // The expiry is kept with the session and read on the injected clock (tests move it).
  const std::int64_t expires_at_ms = d_.clock.now_ms() + std::chrono::milliseconds(ttl).count();
  chat::AgentSession session{shop.config.id(), agent.id(), expires_at_ms};
  d_.store.create_agent_session(
      token, session, ttl,
      [token, expires_at_ms, &shop, &agent, respond = std::move(respond)](bool stored) {
        if (!stored)
          return respond(api_error(503, "unavailable", "storage unavailable, try again"));
        v1::LoginResponse out;
        out.set_token(token);
        out.set_agent_id(agent.id());
        out.set_shop_id(shop.config.id());
        out.set_display_name(agent.display_name());
        out.set_group(agent.group());
        out.set_expires_at_ms(expires_at_ms);
        out.set_supervisor(agent.supervisor());
        spdlog::info("login: agent {} of shop {}", agent.id(), shop.config.id());
        respond(ok_json(out));
      });
}

void HttpApi::logout(const net::HttpRequest& req, net::Respond respond) {
  std::string token;
  for (const auto& [name, value] : req.headers)
    if (name == "authorization" && value.starts_with("Bearer ")) token = value.substr(7);
  if (token.empty() || token.size() > 128)
    return respond(api_error(401, "unauthorized", "send Authorization: Bearer <session token>"));
  d_.store.end_agent_session(token, [this, token, respond = std::move(respond)](
                                        chat::StoreError e, std::optional<chat::AgentSession> s) {
    if (e != chat::StoreError::None)
      return respond(api_error(503, "unavailable", "storage unavailable, try again"));
    if (!s) return respond(api_error(401, "unauthorized", "session expired or unknown"));
    // Every node closes the sockets opened with this token (and only those).
    v1::BusEvent event;
    event.add_recipients(keys::session_recipient(chat::session_tag(token)));
    auto* err = event.mutable_frame()->mutable_error();
    err->set_code(v1::ERROR_CODE_UNAUTHENTICATED);
    err->set_text("logged out");
    d_.store.publish(s->shop_id, event);
    spdlog::info("logout: agent {} of shop {}", s->agent_id, s->shop_id);
    respond(ok_json(v1::Done{}));
  });
}

void HttpApi::demo_buyer_token(const net::HttpRequest& req, net::Respond respond) {
  v1::DemoBuyerTokenRequest body;
  net::HttpResponse error;
  if (!parse_body(req, body, error)) return respond(std::move(error));
  const chat::ShopEntry* shop = d_.shops.shop(body.shop_id());
  // Exists only for demo shops: a real shop signs buyer tokens on its own servers.
  if (!shop || !shop->config.demo())
    return respond(api_error(404, "not_found", "no demo shop with that id", "shopId"));
  std::string buyer = body.buyer_id();
  if (buyer.empty()) buyer = "buyer-" + auth::random_token(6);
  if (!auth::is_valid_token_id(buyer))
    return respond(api_error(400, "bad_request",
                             "buyerId must be 1 to " + std::to_string(auth::kMaxTokenIdBytes) +
                                 " bytes of UTF-8 without control characters",
                             "buyerId"));
  auth::BuyerClaims claims{shop->config.id(), buyer, d_.clock.now_ms() + 24LL * 3600 * 1000};
  v1::DemoBuyerTokenResponse out;
  out.set_token(auth::sign_buyer_token(claims, shop->config.buyer_token_secret()));
  out.set_buyer_id(buyer);
  out.set_shop_id(shop->config.id());
  out.set_expires_at_ms(claims.expires_at_ms);
  respond(ok_json(out));
}

}  // namespace kefu::app
