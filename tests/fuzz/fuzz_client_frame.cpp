// libFuzzer target (issue 10): every WebSocket payload a client can send, as a binary
// (protobuf) and as a text (JSON) frame. Decoding must never crash, and whatever decodes must
// survive a round trip through the encoders the server uses.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "net/frame_codec.h"

using kefu::net::FrameFormat;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view payload{reinterpret_cast<const char*>(data), size};
  for (FrameFormat format : {FrameFormat::Binary, FrameFormat::Json}) {
    kefu::v1::ClientFrame frame;
    const kefu::net::DecodeResult decoded = kefu::net::decode_client_frame(payload, format, frame);
    const std::string request_id = kefu::net::salvage_request_id(payload, format);
    if (request_id.size() > 128) std::abort();  // the salvaged id is bounded
    if (!decoded.ok) {
      if (decoded.error.empty()) std::abort();  // a refusal always says why
      continue;
    }
    // What decoded re-encodes and decodes to the same frame.
    kefu::v1::ClientFrame again;
    if (!again.ParseFromString(frame.SerializeAsString())) std::abort();
    if (again.SerializeAsString() != frame.SerializeAsString()) std::abort();
  }
  // The server's own encoder on whatever a ServerFrame parse makes of the bytes.
  kefu::v1::ServerFrame server_frame;
  if (server_frame.ParseFromArray(data, static_cast<int>(size))) {
    (void)kefu::net::encode_server_frame(server_frame, FrameFormat::Json);
    (void)kefu::net::encode_server_frame(server_frame, FrameFormat::Binary);
  }
  return 0;
}
