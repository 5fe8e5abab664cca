#include "chat/store_replies.h"

#include <charconv>

#include "core/keys.h"

namespace kefu::chat {

using redis::Reply;

std::string prefix_of(const std::string& shop_id) { return keys::shop_key(shop_id, ""); }

StoreError error_of(const Reply& r) {
  if (r.is_unavailable()) return StoreError::Unavailable;
  // Redis 7 prefixes "ERR " to a script's one-word error; the scripts' errors carry a text
  // after the code, but strip the prefix too so the code is found either way.
  std::string_view code = r.str;
  if (code.starts_with("ERR ")) code.remove_prefix(4);
  if (code.starts_with("NOT_FOUND")) return StoreError::NotFound;
  if (code.starts_with("FORBIDDEN")) return StoreError::Forbidden;
  if (code.starts_with("ENDED")) return StoreError::Ended;
  if (code.starts_with("CONFLICT")) return StoreError::Conflict;
  if (code.starts_with("FULL")) return StoreError::Full;
  // NOSCRIPT is handled by Script; anything else is a bug or a Redis fault.
  if (r.str.starts_with("LOADING") || r.str.starts_with("BUSY") || r.str.starts_with("TRYAGAIN") ||
      r.str.starts_with("CLUSTERDOWN"))
    return StoreError::Unavailable;
  return StoreError::Internal;
}

std::string_view str_at(const Reply& r, std::size_t i) {
  return i < r.elements.size() ? std::string_view{r.elements[i].str} : std::string_view{};
}

std::int64_t int_of(std::string_view s) {
  std::int64_t v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

std::int64_t int_at(const Reply& r, std::size_t i) {
  if (i >= r.elements.size()) return 0;
  const Reply& e = r.elements[i];
  return e.type == Reply::Type::Integer ? e.integer : int_of(e.str);
}

const char* role_letter(v1::Role role) {
  if (role == v1::ROLE_BUYER) return "b";
  if (role == v1::ROLE_SYSTEM) return "s";
  if (role == v1::ROLE_SUPERVISOR) return "v";  // R-SUP-2: a supervisor reading or joined
  return "a";
}

}  // namespace kefu::chat
