#pragma once
// The pure parts of talking to a Redis Cluster (issue 9): which slot a key hashes to, which
// argument of a command is its key, the slot map as CLUSTER SLOTS gives it, and the -MOVED /
// -ASK redirections. No I/O here, so all of it is unit-tested (tests/unit/redis/).
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "redis/reply.h"

namespace kefu::redis::cluster {

inline constexpr std::size_t kSlots = 16384;

// CRC16 (XMODEM) of the key's hash tag, modulo 16384, as the Redis Cluster specification
// defines it: the tag is what lies between the first '{' and the next '}', if non-empty;
// otherwise the whole key. Kefu's keys carry "{shop-id}", so a shop lives in one slot.
std::uint16_t crc16(std::string_view data);
std::uint16_t key_slot(std::string_view key);

// Index in args of the key that decides where the command goes, or nullopt for a command
// that names no key (PING, CLUSTER SLOTS, EVALSHA with no keys...): any node may run it.
// EVAL/EVALSHA: the first key after numkeys. XREAD/XREADGROUP: the first key after STREAMS.
// Every other command: args[1], which holds for all the keyed commands Kefu sends.
std::optional<std::size_t> key_index(std::span<const std::string_view> args);

struct NodeAddress {
  std::string host;
  std::uint16_t port = 0;
  std::string name() const { return host + ":" + std::to_string(port); }
  bool operator==(const NodeAddress&) const = default;
};

struct SlotRange {
  std::uint16_t first = 0;
  std::uint16_t last = 0;  // included
  NodeAddress master;
};

// Reads a CLUSTER SLOTS reply: [[first, last, [host, port, id...], replicas...]...]. An empty
// host means "the node you asked" (Redis sends it when it does not know its own address):
// asked_host fills it in. Returns false with `error` set on anything malformed.
bool parse_cluster_slots(const Reply& reply, std::string_view asked_host,
                         std::vector<SlotRange>& out, std::string& error);

// "-MOVED 3999 127.0.0.1:6381" / "-ASK 3999 127.0.0.1:6381" (the error text without '-').
struct Redirect {
  enum class Kind { Moved, Ask };
  Kind kind = Kind::Moved;
  std::uint16_t slot = 0;
  NodeAddress target;
};
std::optional<Redirect> parse_redirect(std::string_view error);

// "host:port" (IPv6 hosts in brackets) → address; false on anything else.
bool parse_node_address(std::string_view text, NodeAddress& out);

}  // namespace kefu::redis::cluster
