#include "orders/event_body.h"

#include <google/protobuf/util/json_util.h>

namespace kefu::orders {

BodyProblem parse_event_body(std::string_view content_type, const std::string& body,
                             v1::OrderEventBatch& batch) {
  if (content_type.starts_with("application/x-protobuf")) {
    if (batch.ParseFromString(body)) return {};
    return {BodyProblem::Malformed, "not a binary kefu.v1.OrderEventBatch"};
  }
  if (!content_type.starts_with("application/json"))
    return {BodyProblem::UnsupportedMediaType, "send application/json or application/x-protobuf"};
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = true;
  // A batch has "events"; anything else is one event.
  const bool is_batch = body.find("\"events\"") != std::string::npos;
  const auto status =
      is_batch ? google::protobuf::util::JsonStringToMessage(body, &batch, options)
               : google::protobuf::util::JsonStringToMessage(body, batch.add_events(), options);
  if (status.ok()) return {};
  return {BodyProblem::Malformed, "malformed body: " + std::string(status.message())};
}

}  // namespace kefu::orders
