#include "results.h"

#include <cstdio>
#include <fstream>
#include <stdexcept>

namespace kefu::load {

void Results::set(const std::string& key, const std::string& value) {
  for (auto& [k, v] : values_) {
    if (k == key) {
      v = value;
      return;
    }
  }
  values_.emplace_back(key, value);
}

void Results::set(const std::string& key, std::uint64_t value) { set(key, std::to_string(value)); }

void Results::set(const std::string& key, double value, int decimals) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  set(key, std::string{text});
}

void Results::set_latency(const std::string& name, const Histogram& h) {
  auto ms = [](std::uint64_t ns) { return static_cast<double>(ns) / 1e6; };
  set(name + "_samples", h.count());
  set(name + "_p50_ms", ms(h.percentile(50)), 3);
  set(name + "_p99_ms", ms(h.percentile(99)), 3);
  set(name + "_p99_9_ms", ms(h.percentile(99.9)), 3);
  set(name + "_max_ms", ms(h.max()), 3);
  set(name + "_mean_ms", h.mean() / 1e6, 3);
}

std::string Results::text() const {
  std::string out;
  for (const auto& [k, v] : values_) out += k + "=" + v + "\n";
  return out;
}

void Results::write(const std::string& path) const {
  std::ofstream out(path);
  out << text();
  if (!out) throw std::runtime_error("cannot write " + path);
}

}  // namespace kefu::load
