#include "chat/error_frames.h"

namespace kefu::chat {

v1::ServerFrame error_frame(const std::string& request_id, v1::ErrorCode code,
                            const std::string& text, bool retryable) {
  v1::ServerFrame f;
  f.set_request_id(request_id);
  auto* e = f.mutable_error();
  e->set_code(code);
  e->set_text(text);
  e->set_retryable(retryable);
  return f;
}

v1::ServerFrame retry_later_frame(const std::string& request_id, v1::ErrorCode code,
                                  Millis retry_after, const std::string& text) {
  v1::ServerFrame f = error_frame(
      request_id, code, text + ": retry in " + std::to_string(retry_after.count()) + " ms", true);
  f.mutable_error()->set_retry_after_ms(retry_after.count());
  return f;
}

v1::ServerFrame rate_limited_frame(const std::string& request_id, Millis retry_after,
                                   const std::string& text) {
  return retry_later_frame(request_id, v1::ERROR_CODE_RATE_LIMITED, retry_after, text);
}

v1::ServerFrame store_error_frame(const std::string& request_id, StoreError e,
                                  const std::string& what) {
  switch (e) {
    case StoreError::NotFound:
      return error_frame(request_id, v1::ERROR_CODE_NOT_FOUND, "no such " + what);
    case StoreError::Forbidden:
      // Said as "not found" too would leak less, but the client needs to know it is not theirs.
      return error_frame(request_id, v1::ERROR_CODE_FORBIDDEN, "not your " + what);
    case StoreError::Ended:
      return error_frame(request_id, v1::ERROR_CODE_CONFLICT, "the conversation has ended");
    case StoreError::Conflict:
      return error_frame(request_id, v1::ERROR_CODE_CONFLICT,
                         "the " + what + " changed meanwhile: look again and retry", true);
    case StoreError::Full:
      return error_frame(request_id, v1::ERROR_CODE_CONFLICT,
                         "nobody there can take it now (all at capacity or away)", true);
    case StoreError::Unavailable:
      return error_frame(request_id, v1::ERROR_CODE_UNAVAILABLE,
                         "storage unavailable, retry the same request", true);
    default:
      return error_frame(request_id, v1::ERROR_CODE_INTERNAL, "internal error", true);
  }
}

}  // namespace kefu::chat
