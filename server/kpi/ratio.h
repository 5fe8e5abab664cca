#pragma once
// Exact figures: counts stay integers; a rate is a numerator and a denominator, an average is a
// total and a count. When the denominator is zero the figure is *undefined* (std::nullopt,
// shown as "—"), never zero and never a division by zero.
#include <cstdint>
#include <optional>

namespace kefu::kpi {

// Rounds num/den to the nearest integer, halves away from zero; den > 0, num >= 0.
inline std::int64_t divide_rounded(std::int64_t num, std::int64_t den) {
  return (num + den / 2) / den;
}

struct Ratio {
  std::int64_t num = 0;
  std::int64_t den = 0;

  bool defined() const { return den > 0; }
  std::optional<double> value() const {
    if (!defined()) return std::nullopt;
    return static_cast<double>(num) / static_cast<double>(den);
  }
  // Parts per million, rounded half up: exact enough to compare agents, and integer.
  std::optional<std::int64_t> ppm() const {
    if (!defined()) return std::nullopt;
    return divide_rounded(num * 1'000'000, den);
  }
  friend bool operator==(const Ratio&, const Ratio&) = default;
};

// An average duration over `count` intervals.
struct DurationStats {
  std::int64_t count = 0;
  std::int64_t total_ms = 0;

  void add(std::int64_t ms) {
    ++count;
    total_ms += ms;
  }
  std::optional<std::int64_t> average_ms() const {  // rounded half up to the millisecond
    if (count == 0) return std::nullopt;
    return divide_rounded(total_ms, count);
  }
  friend bool operator==(const DurationStats&, const DurationStats&) = default;
};

}  // namespace kefu::kpi
