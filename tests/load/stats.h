#pragma once
// What one worker thread counted and timed. Counters are atomics written by their worker only,
// so the main thread may read them while the load runs (to know when everything arrived);
// histograms are read only after the workers stopped.
#include <array>
#include <atomic>
#include <cstdint>
#include <string_view>

#include "histogram.h"

namespace kefu::load {

enum class Count : std::size_t {
  kConnected,        // WebSocket handshakes done
  kConnectFailures,  // connect or handshake failed
  kDisconnects,      // an open connection closed that we did not close
  kWelcomed,         // hello answered by welcome (an echo, for the echo target)
  kOnline,           // agents whose presence is online
  kSent,             // messages sent (both sides)
  kAcked,            // Ack frames for them
  kDuplicateAcks,    // Acks saying "duplicate": the generator never resends, so none expected
  kReceived,         // MessageEvents at the other side (echoes, for the echo target)
  kOutOfOrder,       // received numbered at or below one seen before: repeated, reordered
  kErrors,           // Error frames, but for kRefused
  kRefused,          // messages answered "unavailable, retry" (back-pressure); never resent
  kStarted,          // new conversations: startConversation answered
  kAssignedAtStart,  // ... with an agent already assigned
  kAssignedToAgent,  // conversationAssigned pushed to an agent
  kRepliesDue,       // agents' answers scheduled (after the think time)
  kRepliesSent,      // ... and their time came
  kEnd_
};
inline constexpr std::size_t kCounts = static_cast<std::size_t>(Count::kEnd_);

enum class Latency : std::size_t {
  kDelivery,        // intended send time -> MessageEvent at the other side
  kAck,             // intended send time -> Ack to the sender
  kStart,           // startConversation sent -> conversationStarted
  kArrivalToStart,  // intended arrival -> conversationStarted (connect, hello, start)
  kConnect,         // connect + WebSocket handshake
  kEnd_
};
inline constexpr std::size_t kLatencies = static_cast<std::size_t>(Latency::kEnd_);

std::string_view name_of(Count c);
std::string_view name_of(Latency l);

class Stats {
 public:
  void add(Count c, std::uint64_t n = 1) {
    counts_[static_cast<std::size_t>(c)].fetch_add(n, std::memory_order_relaxed);
  }
  std::uint64_t get(Count c) const {
    return counts_[static_cast<std::size_t>(c)].load(std::memory_order_relaxed);
  }
  // Samples before `recording_from_ns` (steady clock) are warm-up and not recorded.
  void set_recording_from(std::int64_t ns) {
    recording_from_ns_.store(ns, std::memory_order_relaxed);
  }
  void record(Latency l, std::int64_t start_ns, std::int64_t end_ns) {
    if (start_ns < recording_from_ns_.load(std::memory_order_relaxed)) return;
    histograms_[static_cast<std::size_t>(l)].record(
        static_cast<std::uint64_t>(end_ns > start_ns ? end_ns - start_ns : 0));
  }
  const Histogram& histogram(Latency l) const { return histograms_[static_cast<std::size_t>(l)]; }
  void merge_histograms_into(std::array<Histogram, kLatencies>& out) const;
  // Empties the histograms (on the worker's thread).
  void reset_histograms() { histograms_ = {}; }

 private:
  std::array<std::atomic<std::uint64_t>, kCounts> counts_{};
  std::array<Histogram, kLatencies> histograms_{};
  std::atomic<std::int64_t> recording_from_ns_{0};
};

}  // namespace kefu::load
