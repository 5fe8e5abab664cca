// Slots, key positions, CLUSTER SLOTS and redirections: see cluster_slots.h.
#include "redis/cluster_slots.h"

#include <algorithm>
#include <cctype>

#include "redis/parse_number.h"

namespace kefu::redis::cluster {

namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::toupper(static_cast<unsigned char>(x)) ==
                  std::toupper(static_cast<unsigned char>(y));
         });
}

}  // namespace

std::uint16_t crc16(std::string_view data) {
  // Bit by bit (polynomial 0x1021, initial 0): keys are short and this runs once per command,
  // so a lookup table buys nothing worth its 512 bytes of constants.
  std::uint16_t crc = 0;
  for (char ch : data) {
    crc ^= static_cast<std::uint16_t>(static_cast<unsigned char>(ch) << 8);
    for (int bit = 0; bit < 8; ++bit)
      crc = (crc & 0x8000) ? static_cast<std::uint16_t>((crc << 1) ^ 0x1021)
                           : static_cast<std::uint16_t>(crc << 1);
  }
  return crc;
}

std::uint16_t key_slot(std::string_view key) {
  if (auto open = key.find('{'); open != std::string_view::npos) {
    auto close = key.find('}', open + 1);
    if (close != std::string_view::npos && close > open + 1)
      key = key.substr(open + 1, close - open - 1);
  }
  return static_cast<std::uint16_t>(crc16(key) % kSlots);
}

std::optional<std::size_t> key_index(std::span<const std::string_view> args) {
  if (args.size() < 2) return std::nullopt;
  const std::string_view name = args[0];
  if (iequals(name, "EVAL") || iequals(name, "EVALSHA") || iequals(name, "EVAL_RO") ||
      iequals(name, "EVALSHA_RO") || iequals(name, "FCALL") || iequals(name, "FCALL_RO")) {
    std::size_t numkeys = 0;
    if (args.size() < 4 || !parse_number(args[2], numkeys) || numkeys == 0) return std::nullopt;
    return 3;
  }
  if (iequals(name, "XREAD") || iequals(name, "XREADGROUP")) {
    for (std::size_t i = 1; i + 1 < args.size(); ++i)
      if (iequals(args[i], "STREAMS")) return i + 1;
    return std::nullopt;
  }
  constexpr std::string_view kKeyless[] = {
      "PING",   "ECHO",     "INFO",      "CLUSTER", "SCRIPT",   "FUNCTION", "TIME",
      "ASKING", "READONLY", "READWRITE", "DBSIZE",  "CONFIG",   "CLIENT",   "COMMAND",
      "WAIT",   "MULTI",    "EXEC",      "DISCARD", "FLUSHALL", "FLUSHDB",  "PUBLISH",
      "SELECT", "HELLO",    "AUTH",      "ROLE",    "LASTSAVE", "SAVE",     "BGSAVE"};
  for (std::string_view k : kKeyless)
    if (iequals(name, k)) return std::nullopt;
  return 1;
}

bool parse_node_address(std::string_view text, NodeAddress& out) {
  const auto colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  std::string_view host = text.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  unsigned port = 0;
  if (!parse_number(text.substr(colon + 1), port) || port == 0 || port > 65535) return false;
  out.host = std::string(host);
  out.port = static_cast<std::uint16_t>(port);
  return true;
}

std::optional<Redirect> parse_redirect(std::string_view error) {
  Redirect r;
  if (error.starts_with("MOVED ")) {
    r.kind = Redirect::Kind::Moved;
    error.remove_prefix(6);
  } else if (error.starts_with("ASK ")) {
    r.kind = Redirect::Kind::Ask;
    error.remove_prefix(4);
  } else {
    return std::nullopt;
  }
  const auto space = error.find(' ');
  if (space == std::string_view::npos) return std::nullopt;
  unsigned slot = 0;
  if (!parse_number(error.substr(0, space), slot) || slot >= kSlots) return std::nullopt;
  r.slot = static_cast<std::uint16_t>(slot);
  if (!parse_node_address(error.substr(space + 1), r.target)) return std::nullopt;
  return r;
}

bool parse_cluster_slots(const Reply& reply, std::string_view asked_host,
                         std::vector<SlotRange>& out, std::string& error) {
  out.clear();
  if (reply.type != Reply::Type::Array) {
    error = reply.is_error() ? "CLUSTER SLOTS failed: " + reply.str
                             : std::string("CLUSTER SLOTS: not an array");
    return false;
  }
  for (std::size_t i = 0; i < reply.elements.size(); ++i) {
    const Reply& range = reply.elements[i];
    const std::string where = "CLUSTER SLOTS entry " + std::to_string(i) + ": ";
    if (range.type != Reply::Type::Array || range.elements.size() < 3 ||
        range.elements[0].type != Reply::Type::Integer ||
        range.elements[1].type != Reply::Type::Integer) {
      error = where + "want [first, last, master, ...]";
      return false;
    }
    const auto first = range.elements[0].integer, last = range.elements[1].integer;
    if (first < 0 || last < first || last >= static_cast<std::int64_t>(kSlots)) {
      error = where + "slots out of range";
      return false;
    }
    const Reply& master = range.elements[2];
    if (master.type != Reply::Type::Array || master.elements.size() < 2 ||
        master.elements[0].type != Reply::Type::String ||
        master.elements[1].type != Reply::Type::Integer || master.elements[1].integer <= 0 ||
        master.elements[1].integer > 65535) {
      error = where + "want the master as [host, port, ...]";
      return false;
    }
    SlotRange r;
    r.first = static_cast<std::uint16_t>(first);
    r.last = static_cast<std::uint16_t>(last);
    const std::string& host = master.elements[0].str;
    // "" or "?": the node does not know its own address; it is the one we asked.
    r.master.host = (host.empty() || host == "?") ? std::string(asked_host) : host;
    r.master.port = static_cast<std::uint16_t>(master.elements[1].integer);
    out.push_back(std::move(r));
  }
  if (out.empty()) {
    error = "CLUSTER SLOTS: no slot is served (is the cluster created?)";
    return false;
  }
  return true;
}

}  // namespace kefu::redis::cluster
