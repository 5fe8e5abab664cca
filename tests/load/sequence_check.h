#pragma once
// Messages of one sender in one conversation must arrive in the order they were numbered
// (1, 2, 3, ...): one numbered at or below the last seen is repeated or reordered. A gap is
// not an error here, as the server may refuse a message under load ("unavailable, retry"):
// the run's totals tell whether anything went missing.
#include <cstdint>

namespace kefu::load {

class SequenceCheck {
 public:
  // False when seq is not above every number seen before.
  bool accept(std::uint64_t seq) {
    if (seq <= last_) return false;
    last_ = seq;
    return true;
  }

 private:
  std::uint64_t last_ = 0;
};

}  // namespace kefu::load
