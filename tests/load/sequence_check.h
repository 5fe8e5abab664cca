#pragma once
// Messages of one sender in one conversation must arrive numbered 1, 2, 3, ...: anything
// else is a message lost, repeated or reordered on the way.
#include <cstdint>

namespace kefu::load {

class SequenceCheck {
 public:
  // True when seq is the next one expected.
  bool accept(std::uint64_t seq) {
    const bool in_order = seq == last_ + 1;
    if (seq > last_) last_ = seq;
    return in_order;
  }

 private:
  std::uint64_t last_ = 0;
};

}  // namespace kefu::load
