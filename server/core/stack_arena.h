#pragma once
// A protobuf arena whose first block is on the stack, for messages that live for one call
// (issue 8): a frame or bus event parsed on the heap was one allocation per message object and
// string, about twenty per routed message. Only a message larger than the block reaches the
// heap. Whoever keeps something of such a message copies it out before the call returns.
// Header-only: for code that already uses protobuf (kefu_core itself does not link it).

#include <google/protobuf/arena.h>

#include <array>
#include <cstddef>

namespace kefu {

class StackArena {
 public:
  StackArena() : arena_(options(block_)) {}
  StackArena(const StackArena&) = delete;
  StackArena& operator=(const StackArena&) = delete;

  // A new, empty message on the arena; it dies with the arena.
  template <class Message>
  Message& make() {
    return *google::protobuf::Arena::CreateMessage<Message>(&arena_);
  }

 private:
  // A chat message's client frame, or its bus event, fits in this.
  static constexpr std::size_t kBlockBytes = 2048;

  static google::protobuf::ArenaOptions options(std::array<char, kBlockBytes>& block) {
    google::protobuf::ArenaOptions o;
    o.initial_block = block.data();
    o.initial_block_size = block.size();
    return o;
  }

  alignas(std::max_align_t) std::array<char, kBlockBytes> block_;  // before arena_: it uses it
  google::protobuf::Arena arena_;
};

}  // namespace kefu
