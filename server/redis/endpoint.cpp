// Endpoint::parse: redis://host[:port][/db], or plain host[:port]. IPv6 hosts go in brackets.
#include "redis/client.h"
#include "redis/parse_number.h"

namespace kefu::redis {

bool Endpoint::parse(std::string_view url, Endpoint& out) {
  Endpoint result;
  constexpr std::string_view kScheme = "redis://";
  if (url.starts_with(kScheme)) {
    url.remove_prefix(kScheme.size());
  } else if (url.find("://") != std::string_view::npos) {
    return false;  // another scheme (rediss:// needs TLS, which this client does not speak)
  }
  // Credentials are not supported: refuse them rather than silently ignoring them.
  if (url.find('@') != std::string_view::npos) return false;

  if (auto slash = url.find('/'); slash != std::string_view::npos) {
    std::string_view db = url.substr(slash + 1);
    url = url.substr(0, slash);
    if (!db.empty() && (!parse_number(db, result.db) || result.db < 0)) return false;
  }

  std::string_view host = url;
  std::string_view port;
  if (url.starts_with('[')) {
    auto close = url.find(']');
    if (close == std::string_view::npos) return false;
    host = url.substr(1, close - 1);
    std::string_view rest = url.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') return false;
      port = rest.substr(1);
      if (port.empty()) return false;
    }
  } else if (auto colon = url.rfind(':'); colon != std::string_view::npos) {
    host = url.substr(0, colon);
    port = url.substr(colon + 1);
    if (port.empty() || host.find(':') != std::string_view::npos) return false;
  }
  if (host.empty()) return false;
  result.host = std::string(host);
  if (!port.empty()) {
    unsigned value = 0;
    if (!parse_number(port, value) || value == 0 || value > 65535) return false;
    result.port = static_cast<std::uint16_t>(value);
  }
  out = std::move(result);
  return true;
}

}  // namespace kefu::redis
