#pragma once
// Loopback source addresses for outgoing connections (127.0.0.1, 127.0.0.2, ...), taken in
// turn. Each (source, destination) pair has its own range of ephemeral ports, so spreading
// connections over several sources lifts the ~28,000 connections one address allows.
#include <cstddef>
#include <string>
#include <vector>

namespace kefu::load {

class SourceAddresses {
 public:
  // count in 1..254: 127.0.0.1 .. 127.0.0.<count>
  explicit SourceAddresses(std::size_t count);
  const std::string& next();
  std::size_t size() const { return addresses_.size(); }

 private:
  std::vector<std::string> addresses_;
  std::size_t next_ = 0;
};

}  // namespace kefu::load
