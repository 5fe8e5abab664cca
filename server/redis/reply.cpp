#include "redis/reply.h"

#include <utility>

namespace kefu::redis {

namespace {
// The prefix marks errors made by the client itself (the command never reached Redis or its
// answer was lost), so callers can tell "retry later" from a real Redis error.
constexpr std::string_view kUnavailablePrefix = "KEFU_UNAVAILABLE";
}  // namespace

bool Reply::is_unavailable() const {
  return type == Type::Error && std::string_view(str).starts_with(kUnavailablePrefix);
}

Reply Reply::error(std::string text) {
  Reply r;
  r.type = Type::Error;
  r.str = std::move(text);
  return r;
}

Reply Reply::unavailable(std::string_view why) {
  std::string text(kUnavailablePrefix);
  text += ' ';
  text += why;
  return error(std::move(text));
}

}  // namespace kefu::redis
