#pragma once
// RFC 3339 times as platforms send them ("2026-11-11T00:00:05+08:00", "…Z", with or without
// fractional seconds), to Unix milliseconds.
#include <cstdint>
#include <optional>
#include <string_view>

namespace kefu::orders {

std::optional<std::int64_t> parse_rfc3339_ms(std::string_view text);

}  // namespace kefu::orders
