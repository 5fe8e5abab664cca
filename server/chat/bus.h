#pragma once
// Decoding what arrives on a shop's bus channel (see proto/kefu/v1/bus.proto).
#include <string_view>

#include "kefu/v1/bus.pb.h"

namespace kefu::chat {

// Parses a bus payload; a message event gets its id from the stream id the storing script
// appended. Returns false for a payload that is not a BusEvent.
bool decode_bus_event(std::string_view payload, v1::BusEvent& out);

}  // namespace kefu::chat
