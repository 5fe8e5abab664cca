#pragma once
// The messages one client sent that the server has not answered yet, by request id. An Ack
// times and counts them; a retryable error (the server's back-pressure, UNAVAILABLE: "send
// the same frame later") counts them refused: not lost, the sender knows.
#include <cstdint>
#include <string>
#include <unordered_map>

#include "stats.h"

namespace kefu::load {

class AckTracker {
 public:
  explicit AckTracker(Stats& stats) : stats_{stats} {}

  void sent(std::string request_id, std::int64_t intended_ns);
  // True when the frame answered one of the messages sent.
  bool on_ack(const std::string& request_id, bool duplicate);
  bool on_error(const std::string& request_id, bool retryable);

 private:
  Stats& stats_;
  std::unordered_map<std::string, std::int64_t> pending_;  // request id -> intended ns
};

}  // namespace kefu::load
