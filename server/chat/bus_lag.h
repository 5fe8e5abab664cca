#pragma once
// How late this worker's bus runs (issue 8: under overload messages were acknowledged and
// delivered tens of seconds later). The worker publishes a numbered probe on a channel of its
// own through its command connection and reads it back on its bus connection: the probe waits
// behind the same Redis commands and the same subscriber backlog as a message's event, so its
// round trip is how long a message stored now takes to reach its reader. While that is over
// the limit, new messages and conversations are refused (retryable, with the wait) instead.
//
// Pure: the worker passes the time, read from a monotonic clock (the lag is the machine's
// transport time, like Asio's timers; a test moving the server's wall clock must not look like
// a late bus). One probe is in flight at a time.
#include <chrono>
#include <cstdint>

namespace kefu::chat {

class BusLag {
 public:
  using Time = std::chrono::steady_clock::time_point;
  using Duration = std::chrono::microseconds;

  // Probes are numbered from first_number: measures that replace one another (BusLags) give
  // each its own range, so a late probe of one is never taken for the other's.
  explicit BusLag(Duration limit, std::uint64_t first_number = 1)
      : limit_{limit}, next_number_{first_number} {}

  // The worker's probe timer: ages the probe in flight; true when none is (send one now).
  bool tick(Time now);
  // A probe went out at `now`: its number.
  std::uint64_t sent(Time now);
  // Probe `number` came back on the bus: true when it was the one in flight. Any other number
  // (one given up on) is ignored.
  bool seen(std::uint64_t number, Time now);
  // Probe `number` will never come back (its PUBLISH failed or reached no subscriber).
  void lost(std::uint64_t number);
  // A connection is down or was made again: whatever was in flight is gone or held up by the
  // outage, and what was measured before says nothing of the new connection.
  void reset();

  // As of the last tick or probe seen: the longer of the last probe's round trip and the time
  // the probe in flight has waited so far.
  Duration lag() const { return lag_; }
  bool late() const { return lag_ > limit_; }
  Duration limit() const { return limit_; }

 private:
  Duration limit_;
  Duration lag_{0};
  Duration last_round_trip_{0};
  std::uint64_t next_number_ = 1;
  std::uint64_t in_flight_ = 0;  // 0: none
  Time sent_at_{};
};

}  // namespace kefu::chat
