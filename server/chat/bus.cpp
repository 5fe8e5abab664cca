#include "chat/bus.h"

#include <cstdint>
#include <optional>

namespace kefu::chat {

namespace {

// A protobuf base-128 varint at the front of `in`, consumed.
std::optional<std::uint64_t> read_varint(std::string_view& in) {
  std::uint64_t value = 0;
  for (int shift = 0; shift < 64 && !in.empty(); shift += 7) {
    const auto byte = static_cast<unsigned char>(in.front());
    in.remove_prefix(1);
    value |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
    if ((byte & 0x80) == 0) return value;
  }
  return std::nullopt;
}

bool skip(std::string_view& in, std::uint64_t n) {
  if (n > in.size()) return false;
  in.remove_prefix(static_cast<std::size_t>(n));
  return true;
}

constexpr std::uint64_t kRecipientsField = v1::BusEvent::kRecipientsFieldNumber;

}  // namespace

bool decode_bus_event(std::string_view payload, v1::BusEvent& out) {
  if (!out.ParseFromArray(payload.data(), static_cast<int>(payload.size()))) return false;
  if (!out.stream_id().empty() && out.frame().has_message()) {
    out.mutable_frame()->mutable_message()->mutable_message()->set_id(out.stream_id());
  }
  return true;
}

bool bus_recipients(std::string_view payload, std::vector<std::string_view>& out) {
  out.clear();
  std::string_view in = payload;
  while (!in.empty()) {
    const auto tag = read_varint(in);
    if (!tag) return false;
    switch (*tag & 7) {  // the wire type
      case 0:            // varint
        if (!read_varint(in)) return false;
        break;
      case 1:  // 64-bit
        if (!skip(in, 8)) return false;
        break;
      case 2: {  // length-delimited: strings, messages
        const auto length = read_varint(in);
        if (!length || *length > in.size()) return false;
        if ((*tag >> 3) == kRecipientsField) out.push_back(in.substr(0, *length));
        in.remove_prefix(static_cast<std::size_t>(*length));
        break;
      }
      case 5:  // 32-bit
        if (!skip(in, 4)) return false;
        break;
      default:  // groups (unused by proto3) or garbage
        return false;
    }
  }
  return true;
}

}  // namespace kefu::chat
