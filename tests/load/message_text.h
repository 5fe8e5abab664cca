#pragma once
// The text of a load-test message carries what the receiver needs to time and check it:
// who sent it, its sequence number in the conversation and when it was meant to leave:
//   "kl <b|a> <seq> <steady ns>" padded with '.' to the wanted size.
// Sender and receiver are in the same process, so one steady clock serves both.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kefu::load {

struct Stamp {
  char side = 'b';           // 'b' buyer, 'a' agent
  std::uint64_t seq = 0;     // 1, 2, ... per conversation and side
  std::int64_t sent_ns = 0;  // the intended send time (open loop), steady clock
};

std::string make_text(const Stamp& stamp, std::size_t size);
// The stamp of a text made by make_text, or nothing for any other text.
std::optional<Stamp> read_text(std::string_view text);

}  // namespace kefu::load
