#pragma once
// What a message may carry as an image (issue 6). Kefu stores no files: a photo travels inline
// as a small data: URL (the client scales it down to fit) and is stored in the message stream
// with the message, so it is synced, resumed and deduplicated like text; a link to an https://
// image is accepted too. Everything else is refused, so no page ever loads javascript: or
// http:// content from a message.
#include <cstddef>
#include <string>
#include <string_view>

namespace kefu::chat {

inline constexpr std::size_t kMaxInlineImageBytes = 48 * 1024;  // under the 64 KiB frame limit
inline constexpr std::size_t kMaxImageLinkBytes = 2048;

// "" when url is an acceptable image reference, else why not (for the client's error).
std::string image_url_problem(std::string_view url);

}  // namespace kefu::chat
