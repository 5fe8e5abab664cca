#include "message_text.h"

#include <charconv>

namespace kefu::load {

std::string make_text(const Stamp& stamp, std::size_t size) {
  std::string text = "kl ";
  text += stamp.side;
  text += ' ';
  text += std::to_string(stamp.seq);
  text += ' ';
  text += std::to_string(stamp.sent_ns);
  if (text.size() < size) text.append(size - text.size(), '.');
  return text;
}

namespace {
template <typename T>
bool read_number(std::string_view& in, T& out) {
  auto [end, ec] = std::from_chars(in.data(), in.data() + in.size(), out);
  if (ec != std::errc{} || end == in.data()) return false;
  in.remove_prefix(static_cast<std::size_t>(end - in.data()));
  return true;
}
}  // namespace

std::optional<Stamp> read_text(std::string_view text) {
  if (!text.starts_with("kl ") || text.size() < 6) return std::nullopt;
  Stamp s;
  s.side = text[3];
  if ((s.side != 'b' && s.side != 'a') || text[4] != ' ') return std::nullopt;
  text.remove_prefix(5);
  if (!read_number(text, s.seq) || !text.starts_with(' ')) return std::nullopt;
  text.remove_prefix(1);
  if (!read_number(text, s.sent_ns)) return std::nullopt;
  return s;
}

}  // namespace kefu::load
