#include "app/order_events_api.h"

#include <spdlog/spdlog.h>

#include <charconv>

#include "app/json_body.h"
#include "auth/hmac.h"
#include "core/keys.h"
#include "orders/event_body.h"

namespace kefu::app {

namespace {

constexpr std::string_view kPrefix = "/api/shops/";
constexpr std::string_view kSuffix = "/order-events";

std::string header(const net::HttpRequest& req, std::string_view name) {
  for (const auto& [n, v] : req.headers)
    if (n == name) return v;
  return {};
}

// The body as a batch, or the 415/400 answer.
bool parse_events(const net::HttpRequest& req, v1::OrderEventBatch& batch,
                  net::HttpResponse& error) {
  const orders::BodyProblem p = orders::parse_event_body(req.content_type, req.body, batch);
  if (p.kind == orders::BodyProblem::None) return true;
  error = p.kind == orders::BodyProblem::UnsupportedMediaType
              ? api_error(415, "unsupported_media_type", p.message)
              : api_error(400, "bad_request", p.message);
  return false;
}

}  // namespace

bool OrderEventsApi::handle(const net::HttpRequest& req, net::Respond& respond) {
  std::string_view path = req.path;
  if (!path.starts_with(kPrefix) || !path.ends_with(kSuffix)) return false;
  const std::string shop_id{
      path.substr(kPrefix.size(), path.size() - kPrefix.size() - kSuffix.size())};
  if (shop_id.empty() || shop_id.find('/') != std::string::npos) return false;
  if (req.method != "POST") {
    respond(api_error(405, "method_not_allowed", "use POST"));
    return true;
  }
  const chat::ShopEntry* shop = d_.shops.shop(shop_id);
  if (!shop) {
    respond(api_error(404, "not_found", "no such shop"));
    return true;
  }
  accept(*shop, req, std::move(respond));
  return true;
}

void OrderEventsApi::accept(const chat::ShopEntry& shop, const net::HttpRequest& req,
                            net::Respond respond) {
  // The signature first: nothing about the body is looked at before it is known to be theirs.
  const std::string timestamp = header(req, "x-kefu-timestamp");
  const std::string signature = header(req, "x-kefu-signature");
  if (timestamp.empty() || signature.empty())
    return respond(api_error(401, "unauthorized",
                             "sign with X-Kefu-Timestamp and X-Kefu-Signature: sha256=<hex>"));
  if (!auth::verify_webhook_signature(shop.config.webhook_secret(), timestamp, req.body, signature))
    return respond(api_error(401, "unauthorized", "bad signature"));
  std::int64_t seconds = 0;
  auto [end, ec] = std::from_chars(timestamp.data(), timestamp.data() + timestamp.size(), seconds);
  const std::int64_t skew = d_.clock.now_ms() / 1000 - seconds;
  if (ec != std::errc{} || end != timestamp.data() + timestamp.size() ||
      skew > kReplayWindow.count() || skew < -kReplayWindow.count())
    return respond(api_error(401, "unauthorized",
                             "X-Kefu-Timestamp is not within 5 minutes of the server's time"));

  v1::OrderEventBatch batch;
  net::HttpResponse error;
  if (!parse_events(req, batch, error)) return respond(std::move(error));
  std::vector<orders::CheckedEvent> events;
  // A batch with one bad event is refused whole: nothing stored, the platform fixes and resends.
  if (auto problem = orders::check_batch(batch, events))
    return respond(
        api_error(400, "bad_request", problem->field + ": " + problem->message, problem->field));

  const std::string shop_id = shop.config.id();
  d_.orders.apply(
      shop_id, events, [this, &shop, shop_id, respond = std::move(respond)](orders::ApplyResult r) {
        if (r.error == chat::StoreError::Unavailable)
          return respond(api_error(503, "unavailable", "storage unavailable, send again"));
        if (r.error != chat::StoreError::None)
          return respond(api_error(500, "internal", chat::to_string(r.error)));
        v1::OrderEventsResult out;
        out.set_stored(r.stored);
        out.set_duplicates(r.duplicates);
        respond(ok_json(out));
        for (const auto& changed : r.changed) {
          d_.router.order_changed(shop, changed.buyer_id);  // R-ROUTE-1 for a waiting buyer
          if (changed.agent_id.empty()) continue;
          // R-ORDER-2: the agent serving the buyer sees it at once, unmasked (R-MSG-6).
          d_.orders.order(shop_id, changed.order_id,
                          [this, shop_id, changed](chat::StoreError e, std::optional<v1::Order> o) {
                            if (e != chat::StoreError::None || !o) return;
                            v1::BusEvent event;
                            event.add_recipients(keys::agent_recipient(changed.agent_id));
                            auto* f = event.mutable_frame()->mutable_order_updated();
                            f->set_conversation_id(changed.conversation_id);
                            *f->mutable_order() = std::move(*o);
                            d_.chat.publish(shop_id, event);
                          });
        }
        spdlog::info("order events for shop {}: {} stored, {} duplicates", shop_id, r.stored,
                     r.duplicates);
      });
}

}  // namespace kefu::app
