#include "auth/origin.h"

#include <algorithm>
#include <cctype>

namespace kefu::auth {

namespace {

bool same_text(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::string_view without_trailing_slash(std::string_view s) {
  while (!s.empty() && s.back() == '/') s.remove_suffix(1);
  return s;
}

}  // namespace

bool origin_allowed(std::string_view origin, std::string_view host,
                    const std::vector<std::string>& allowed) {
  if (origin.empty()) return true;
  origin = without_trailing_slash(origin);
  for (const auto& entry : allowed)
    if (entry == "*" || same_text(origin, without_trailing_slash(entry))) return true;
  // "http://host:port" or "https://host:port": the page came from this server.
  const auto scheme_end = origin.find("://");
  if (scheme_end == std::string_view::npos || host.empty()) return false;
  const std::string_view scheme = origin.substr(0, scheme_end);
  if (!same_text(scheme, "http") && !same_text(scheme, "https")) return false;
  return same_text(origin.substr(scheme_end + 3), host);
}

}  // namespace kefu::auth
