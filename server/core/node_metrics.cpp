#include "core/node_metrics.h"

#include <cstdio>

namespace kefu {

namespace {

constexpr auto kRelaxed = std::memory_order_relaxed;

std::string seconds_text(std::uint64_t micros) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6f", static_cast<double>(micros) / 1e6);
  return buf;
}

}  // namespace

void LatencyHistogram::record(std::chrono::microseconds took) {
  const auto micros = static_cast<std::uint64_t>(std::max<std::int64_t>(0, took.count()));
  std::size_t i = 0;
  while (i < kBoundsMicros.size() && micros > kBoundsMicros[i]) ++i;
  buckets_[i].fetch_add(1, kRelaxed);
  sum_micros_.fetch_add(micros, kRelaxed);
  count_.fetch_add(1, kRelaxed);
}

void LatencyHistogram::write(std::string& out, std::string_view name, std::string_view help) const {
  const std::string n{name};
  out += "# HELP " + n + " " + std::string{help} + "\n# TYPE " + n + " histogram\n";
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < buckets_.size(); ++i) {
    cumulative += buckets_[i].load(kRelaxed);
    const std::string le = i < kBoundsMicros.size() ? seconds_text(kBoundsMicros[i]) : "+Inf";
    out += n + "_bucket{le=\"" + le + "\"} " + std::to_string(cumulative) + "\n";
  }
  out += n + "_sum " + seconds_text(sum_micros_.load(kRelaxed)) + "\n";
  out += n + "_count " + std::to_string(count_.load(kRelaxed)) + "\n";
}

void write_metric(std::string& out, std::string_view name, std::string_view type,
                  std::string_view help, std::uint64_t value) {
  const std::string n{name};
  out += "# HELP " + n + " " + std::string{help} + "\n# TYPE " + n + " " + std::string{type} +
         "\n" + n + " " + std::to_string(value) + "\n";
}

void NodeMetrics::write(std::string& out) const {
  write_metric(out, "kefu_messages_stored_total", "counter",
               "Messages stored and acknowledged (resends not counted).",
               messages_stored.load(kRelaxed));
  write_metric(out, "kefu_routing_decisions_total", "counter",
               "Routing decisions: new conversations, transfers, queue drains.",
               routing_decisions.load(kRelaxed));
  write_metric(out, "kefu_redis_errors_total", "counter",
               "Redis commands failed: a Redis error (not a script's answer), lost, or refused.",
               redis_errors.load(kRelaxed));
  write_metric(out, "kefu_redis_connects_total", "counter",
               "Redis connections made; more than one per connection kind means reconnects.",
               redis_connects.load(kRelaxed));
  write_metric(out, "kefu_redis_cluster_refreshes_total", "counter",
               "Redis Cluster slot maps read (CLUSTER SLOTS); 0 on a single Redis.",
               redis_cluster_refreshes.load(kRelaxed));
  write_metric(out, "kefu_redis_cluster_redirects_total", "counter",
               "Redis Cluster -MOVED and -ASK redirections followed.",
               redis_cluster_redirects.load(kRelaxed));
  write_metric(out, "kefu_redis_cluster_retries_total", "counter",
               "Commands Redis Cluster refused without running (TRYAGAIN, CLUSTERDOWN, node "
               "not connected), resent after a backoff.",
               redis_cluster_retries.load(kRelaxed));
  redis_latency.write(out, "kefu_redis_command_seconds", "Redis command round trips.");
  write_metric(out, "kefu_refused_bus_late_total", "counter",
               "sendMessage and startConversation refused (retryable) while the bus ran later "
               "than limits.maxBusLagMs.",
               refused_bus_late.load(kRelaxed));
  bus_round_trip.write(out, "kefu_bus_round_trip_seconds",
                       "Bus probes: published on the command connection, read back on the bus.");
}

std::string label_value(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    if (ch == '\\' || ch == '"') out += '\\';
    if (ch == '\n') {
      out += "\\n";
      continue;
    }
    out += ch;
  }
  return out;
}

NodeMetrics& node_metrics() {
  static NodeMetrics instance;
  return instance;
}

}  // namespace kefu
