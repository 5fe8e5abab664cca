#pragma once
// What this node did since it started, for GET /metrics (issue 9, Prometheus text format).
// One instance per process, updated from every worker thread with relaxed atomics: the figures
// are read for monitoring, never to decide anything. Each node reports its own; Prometheus
// tells nodes apart by the scrape target.
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace kefu {

// Cumulative buckets as Prometheus histograms have them; the bounds suit Redis round trips
// (0.1 ms … 1 s).
class LatencyHistogram {
 public:
  static constexpr std::array<std::uint64_t, 10> kBoundsMicros{100,  250,   500,   1000,   2500,
                                                               5000, 10000, 25000, 100000, 1000000};
  void record(std::chrono::microseconds took);
  // `name`_bucket{le=...}, `name`_sum and `name`_count, in seconds.
  void write(std::string& out, std::string_view name, std::string_view help) const;

 private:
  std::array<std::atomic<std::uint64_t>, kBoundsMicros.size() + 1> buckets_{};  // last: +Inf
  std::atomic<std::uint64_t> sum_micros_{0};
  std::atomic<std::uint64_t> count_{0};
};

struct NodeMetrics {
  std::atomic<std::uint64_t> messages_stored{0};    // acknowledged, not counting resends
  std::atomic<std::uint64_t> routing_decisions{0};  // new conversations, transfers, drains
  std::atomic<std::uint64_t> redis_errors{0};       // Redis's own errors, commands lost or refused
  std::atomic<std::uint64_t> redis_connects{0};     // connections made (more than one: reconnects)
  // Issue 9, on a Redis Cluster: slot maps read, -MOVED/-ASK followed, refused commands resent.
  std::atomic<std::uint64_t> redis_cluster_refreshes{0};
  std::atomic<std::uint64_t> redis_cluster_redirects{0};
  std::atomic<std::uint64_t> redis_cluster_retries{0};
  LatencyHistogram redis_latency;  // command sent → reply, on the worker's clock
  // Issue 8, overload: the bus probes' round trips (app/bus_probe.h), and the messages and
  // conversation starts refused while a worker's bus ran later than limits.max_bus_lag_ms.
  LatencyHistogram bus_round_trip;
  std::atomic<std::uint64_t> refused_bus_late{0};

  void write(std::string& out) const;
};

NodeMetrics& node_metrics();

// A label value with backslash, double quote and newline escaped as the text format wants.
std::string label_value(std::string_view text);

// One "# HELP", "# TYPE" and value block of a metric without labels.
void write_metric(std::string& out, std::string_view name, std::string_view type,
                  std::string_view help, std::uint64_t value);

}  // namespace kefu
