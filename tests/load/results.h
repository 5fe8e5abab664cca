#pragma once
// The figures of a run, in order: printed as "key=value" lines (scripts/bench reads them) and
// optionally written to a file.
#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "histogram.h"
#include "stats.h"

namespace kefu::load {

class Results {
 public:
  void set(const std::string& key, const std::string& value);
  void set(const std::string& key, std::uint64_t value);
  void set(const std::string& key, double value, int decimals = 1);

  // "<name>_p50_ms", "_p99_ms", "_p99_9_ms", "_max_ms", "_mean_ms", "_samples".
  void set_latency(const std::string& name, const Histogram& h);

  std::string text() const;
  void write(const std::string& path) const;  // throws std::runtime_error

 private:
  std::vector<std::pair<std::string, std::string>> values_;
};

}  // namespace kefu::load
