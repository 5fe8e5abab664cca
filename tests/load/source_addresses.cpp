#include "source_addresses.h"

#include <stdexcept>

namespace kefu::load {

SourceAddresses::SourceAddresses(std::size_t count) {
  if (count < 1 || count > 254) throw std::invalid_argument("--sources must be 1..254");
  for (std::size_t i = 1; i <= count; ++i) addresses_.push_back("127.0.0." + std::to_string(i));
}

const std::string& SourceAddresses::next() {
  const std::string& a = addresses_[next_];
  next_ = (next_ + 1) % addresses_.size();
  return a;
}

}  // namespace kefu::load
