#pragma once
// One steady clock for the whole generator, in nanoseconds: sender and receiver of a message
// live in the same process, so a send time in the text is comparable with the receive time.
#include <chrono>
#include <cstdint>

namespace kefu::load {

inline std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

inline constexpr std::int64_t kNsPerMs = 1'000'000;
inline constexpr std::int64_t kNsPerS = 1'000'000'000;

}  // namespace kefu::load
