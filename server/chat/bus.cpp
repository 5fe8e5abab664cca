#include "chat/bus.h"

namespace kefu::chat {

bool decode_bus_event(std::string_view payload, v1::BusEvent& out) {
  if (!out.ParseFromArray(payload.data(), static_cast<int>(payload.size()))) return false;
  if (!out.stream_id().empty() && out.frame().has_message()) {
    out.mutable_frame()->mutable_message()->mutable_message()->set_id(out.stream_id());
  }
  return true;
}

}  // namespace kefu::chat
