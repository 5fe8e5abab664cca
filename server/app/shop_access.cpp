#include "app/shop_access.h"

#include "app/json_body.h"

namespace kefu::app {

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> parts;
  while (!path.empty()) {
    auto slash = path.find('/');
    if (slash != 0) parts.emplace_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return parts;
}

std::string query_param(const std::string& query, std::string_view name) {
  std::string_view q = query;
  while (!q.empty()) {
    auto amp = q.find('&');
    std::string_view pair = q.substr(0, amp);
    auto eq = pair.find('=');
    if (pair.substr(0, eq) == name && eq != std::string_view::npos)
      return std::string{pair.substr(eq + 1)};
    if (amp == std::string_view::npos) break;
    q.remove_prefix(amp + 1);
  }
  return {};
}

namespace {

std::string bearer_token(const net::HttpRequest& req) {
  for (const auto& [name, value] : req.headers)
    if (name == "authorization" && value.starts_with("Bearer ")) return value.substr(7);
  return {};
}

}  // namespace

net::HttpResponse store_failure(chat::StoreError e) {
  if (e == chat::StoreError::Unavailable)
    return api_error(503, "unavailable", "storage unavailable, try again");
  return api_error(500, "internal", chat::to_string(e));
}

bool refused(const chat::ShopEntry* shop, const net::HttpRequest& req, const std::string& method,
             net::Respond& respond) {
  if (!shop) {
    respond(api_error(404, "not_found", "no such shop"));
    return true;
  }
  if (req.method != method) {
    respond(api_error(405, "method_not_allowed", "use " + method));
    return true;
  }
  return false;
}

void ShopAccess::as_supervisor(const net::HttpRequest& req, const chat::ShopEntry& shop,
                               net::Respond respond, Then then) {
  as_member(
      req, shop, std::move(respond),
      [then = std::move(then)](const v1::AgentAccount& me, net::Respond respond) {
        if (!me.supervisor())
          return respond(api_error(403, "forbidden", "only a supervisor of this shop may do this"));
        then(me, std::move(respond));
      });
}

void ShopAccess::as_member(const net::HttpRequest& req, const chat::ShopEntry& shop,
                           net::Respond respond, Then then) {
  const std::string token = bearer_token(req);
  if (token.empty() || token.size() > 128)
    return respond(api_error(401, "unauthorized", "send Authorization: Bearer <session token>"));
  // The request lives as long as the HTTP session waits for the answer.
  store_.read_agent_session(
      token, [this, &shop, respond = std::move(respond), then = std::move(then)](
                 chat::StoreError e, std::optional<chat::AgentSession> session) mutable {
        if (e != chat::StoreError::None) return respond(store_failure(e));
        if (!session) return respond(api_error(401, "unauthorized", "session expired or unknown"));
        const v1::AgentAccount* me = shops_.agent(session->shop_id, session->agent_id);
        if (session->shop_id != shop.config.id() || !me)
          return respond(api_error(403, "forbidden", "not an account of this shop"));
        then(*me, std::move(respond));
      });
}

}  // namespace kefu::app
