#pragma once
// Decoding what arrives on a shop's bus channel (see proto/kefu/v1/bus.proto).
#include <string_view>
#include <vector>

#include "kefu/v1/bus.pb.h"

namespace kefu::chat {

// Parses a bus payload; a message event gets its id from the stream id the storing script
// appended. Returns false for a payload that is not a BusEvent.
bool decode_bus_event(std::string_view payload, v1::BusEvent& out);

// The recipients of a serialized BusEvent (field 1), read without decoding the frame: every
// worker subscribes to the shop's channel, and one with none of them connected skips the event
// instead of decoding it (issue 8). Views into `payload`. False when the top level is not a
// well-formed protobuf encoding.
bool bus_recipients(std::string_view payload, std::vector<std::string_view>& out);

}  // namespace kefu::chat
