#pragma once
// WebSocket payload ⇄ protocol frames. Binary frames carry protobuf; text frames carry
// protobuf's JSON mapping (camelCase names, enum names as strings) of the same message.
#include <string>
#include <string_view>

#include "kefu/v1/frames.pb.h"

namespace kefu::net {

enum class FrameFormat { Binary, Json };

struct DecodeResult {
  bool ok = false;
  std::string error;  // what was wrong, for the error frame and the log
};

DecodeResult decode_client_frame(std::string_view payload, FrameFormat format,
                                 v1::ClientFrame& out);
std::string encode_server_frame(const v1::ServerFrame& frame, FrameFormat format);

// The request id of a frame that could not be decoded, when it can still be read from a
// JSON text ("requestId":"..."), so the error can name the request it answers.
std::string salvage_request_id(std::string_view payload, FrameFormat format);

}  // namespace kefu::net
