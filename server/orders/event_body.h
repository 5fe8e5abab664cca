#pragma once
// The body of POST /api/shops/{shop}/order-events as a batch of events (R-ORDER-1): JSON (one
// event, or {"events": [...]}) or binary protobuf. Pure, so it is fuzzed on its own.
#include <string>
#include <string_view>

#include "kefu/v1/orders.pb.h"

namespace kefu::orders {

struct BodyProblem {
  enum Kind { None, UnsupportedMediaType, Malformed } kind = None;
  std::string message;  // for the platform: what to fix
};

BodyProblem parse_event_body(std::string_view content_type, const std::string& body,
                             v1::OrderEventBatch& batch);

}  // namespace kefu::orders
