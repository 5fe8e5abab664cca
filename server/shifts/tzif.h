#pragma once
// A reader of TZif files (RFC 8536), the format of the system tz database in
// /usr/share/zoneinfo. g++ 12's libstdc++ has no std::chrono::locate_zone, and the POSIX
// localtime/TZ functions share process-wide state, so Kefu reads the files itself (R-SHIFT-1).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shifts/posix_tz.h"

namespace kefu::shifts {

struct TzifData {
  struct LocalTimeType {
    std::int32_t utc_offset_seconds = 0;
    bool is_dst = false;
  };
  std::vector<std::int64_t> transitions;  // UTC seconds, ascending
  std::vector<std::uint8_t> type_after;   // index into types, one per transition
  std::vector<LocalTimeType> types;       // at least one
  std::optional<PosixTzRule> footer;      // for instants after the last transition
};

// Parses the bytes of a TZif file (version 1, 2, 3 or 4); nullopt when malformed.
std::optional<TzifData> parse_tzif(std::string_view bytes);

}  // namespace kefu::shifts
