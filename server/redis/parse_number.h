#pragma once
// A whole decimal number from text (a port in a URL or in CLUSTER SLOTS / MOVED answers):
// false for empty text or anything but digits of a value that fits.
#include <charconv>
#include <string_view>
#include <system_error>

namespace kefu::redis {

template <class Int>
bool parse_number(std::string_view text, Int& out) {
  if (text.empty()) return false;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, out);
  return ec == std::errc() && ptr == end;
}

}  // namespace kefu::redis
