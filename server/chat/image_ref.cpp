#include "chat/image_ref.h"

#include <array>

namespace kefu::chat {

namespace {

bool is_base64_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
         c == '/' || c == '=';
}

std::string data_url_problem(std::string_view url) {
  if (url.size() > kMaxInlineImageBytes) return "image is larger than 48 KiB";
  constexpr std::array<std::string_view, 4> kTypes{
      "data:image/png;base64,", "data:image/jpeg;base64,", "data:image/gif;base64,",
      "data:image/webp;base64,"};
  for (std::string_view prefix : kTypes) {
    if (!url.starts_with(prefix)) continue;
    std::string_view body = url.substr(prefix.size());
    if (body.empty() || body.size() % 4 != 0) return "image: malformed base64";
    for (char c : body)
      if (!is_base64_char(c)) return "image: malformed base64";
    return "";
  }
  return "image: only png, jpeg, gif or webp data (base64)";
}

}  // namespace

std::string image_url_problem(std::string_view url) {
  if (url.starts_with("data:")) return data_url_problem(url);
  if (!url.starts_with("https://")) return "image_url: a data:image/... URL or an https:// link";
  if (url.size() > kMaxImageLinkBytes) return "image link is longer than 2048 bytes";
  if (url.size() == 8) return "image link has no host";
  for (char c : url)
    if (static_cast<unsigned char>(c) <= 0x20 || c == '"' || c == '<' || c == '>' || c == '\\')
      return "image link contains spaces or characters not allowed in a URL";
  return "";
}

}  // namespace kefu::chat
