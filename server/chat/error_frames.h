#pragma once
// Error answers, the same wherever a request is served: a code the client can act on, a text
// for people, and whether sending the same request again may work.
#include <string>

#include "chat/chat_store.h"
#include "core/clock.h"
#include "kefu/v1/frames.pb.h"

namespace kefu::chat {

v1::ServerFrame error_frame(const std::string& request_id, v1::ErrorCode code,
                            const std::string& text, bool retryable = false);
// Nothing was done; send again after `retry_after`, which the text also says (retryable).
v1::ServerFrame retry_later_frame(const std::string& request_id, v1::ErrorCode code,
                                  Millis retry_after, const std::string& text);
// ERROR_CODE_RATE_LIMITED: over a rate (issue 10).
v1::ServerFrame rate_limited_frame(const std::string& request_id, Millis retry_after,
                                   const std::string& text);
// `what` names the thing a NotFound or Forbidden is about ("conversation", "order", ...).
v1::ServerFrame store_error_frame(const std::string& request_id, StoreError e,
                                  const std::string& what = "conversation");

}  // namespace kefu::chat
