#include "net/frame_codec.h"

#include <google/protobuf/util/json_util.h>

namespace kefu::net {

DecodeResult decode_client_frame(std::string_view payload, FrameFormat format,
                                 v1::ClientFrame& out) {
  DecodeResult r;
  if (format == FrameFormat::Binary) {
    if (!out.ParseFromArray(payload.data(), static_cast<int>(payload.size()))) {
      r.error = "not a protobuf ClientFrame";
      return r;
    }
    r.ok = true;
    return r;
  }
  google::protobuf::util::JsonParseOptions options;
  // Newer clients may send fields this server does not know yet: ignore them.
  options.ignore_unknown_fields = true;
  auto status = google::protobuf::util::JsonStringToMessage(
      google::protobuf::StringPiece(payload.data(), payload.size()), &out, options);
  if (!status.ok()) {
    r.error = "not a JSON ClientFrame: " + std::string(status.message());
    return r;
  }
  r.ok = true;
  return r;
}

std::string encode_server_frame(const v1::ServerFrame& frame, FrameFormat format) {
  if (format == FrameFormat::Binary) return frame.SerializeAsString();
  std::string out;
  google::protobuf::util::JsonPrintOptions options;
  (void)google::protobuf::util::MessageToJsonString(frame, &out, options);
  return out;
}

std::string salvage_request_id(std::string_view payload, FrameFormat format) {
  if (format != FrameFormat::Json) return {};
  constexpr std::string_view key = "\"requestId\"";
  auto k = payload.find(key);
  if (k == std::string_view::npos) return {};
  auto q1 = payload.find('"', payload.find(':', k + key.size()));
  if (q1 == std::string_view::npos) return {};
  auto q2 = payload.find('"', q1 + 1);
  if (q2 == std::string_view::npos || q2 - q1 - 1 > 128) return {};
  return std::string{payload.substr(q1 + 1, q2 - q1 - 1)};
}

}  // namespace kefu::net
