#pragma once
// What every scenario works with: the options, the worker threads (each with its source
// addresses), the shop, a run id that makes this run's buyer ids unique, and the results.
#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "histogram.h"
#include "options.h"
#include "results.h"
#include "shop_config.h"
#include "source_addresses.h"
#include "stats.h"
#include "worker.h"

namespace kefu::load {

class RunContext {
 public:
  explicit RunContext(const Options& options);
  ~RunContext();

  const Options& options() const { return options_; }
  std::size_t worker_count() const { return workers_.size(); }
  Worker& worker(std::size_t i) { return *workers_[i]; }
  // Source addresses of worker i: used on that worker's thread only.
  SourceAddresses& sources(std::size_t i) { return *sources_[i]; }
  const ShopInfo& shop() const { return *shop_; }  // kefu target only
  const std::string& run_id() const { return run_id_; }
  Results& results() { return results_; }

  // The sum over all workers.
  std::uint64_t total(Count c) const;
  // All workers' histograms of l, merged. After stop_workers() only.
  Histogram merged(Latency l) const;
  // All workers' histograms merged, and emptied, on their own threads while they run.
  std::array<Histogram, kLatencies> take_histograms();
  // Latency samples before this steady time are not recorded (warm-up).
  void record_from(std::int64_t ns);
  // Polls `done` every few ms until it holds (true) or `seconds` passed (false).
  static bool wait_for(const std::function<bool()>& done, double seconds);
  // The same, printing the counters once a second with --progress (times from start_ns).
  bool wait_reporting(const std::function<bool()>& done, double seconds, std::int64_t start_ns);
  // Stops the worker threads: nothing runs on them afterwards, so clients may be destroyed.
  void stop_workers();

  // A buyer token for a buyer id of this run (a dummy of the same size for the echo target).
  std::string buyer_token(const std::string& buyer_id) const;

  // CPU time of this process, the server and Redis between mark_cpu() and add_cpu_results().
  void mark_cpu();
  void add_cpu_results(double wall_seconds, const std::string& prefix = "");
  // Every counter and latency histogram into the results.
  void add_stats_results();

 private:
  const Options& options_;
  std::vector<std::unique_ptr<Worker>> workers_;
  std::vector<std::unique_ptr<SourceAddresses>> sources_;
  std::optional<ShopInfo> shop_;
  std::string run_id_;
  Results results_;
  std::int64_t last_progress_ns_ = 0;
  double own_cpu_ = 0;
  std::optional<double> server_cpu_;
  std::optional<double> redis_cpu_;
};

// Declared after a scenario's clients, it stops the workers before those are destroyed,
// whichever way the scenario returns (clients run on the workers' threads).
class StopWorkersFirst {
 public:
  explicit StopWorkersFirst(RunContext& ctx) : ctx_{ctx} {}
  ~StopWorkersFirst() { ctx_.stop_workers(); }
  StopWorkersFirst(const StopWorkersFirst&) = delete;
  StopWorkersFirst& operator=(const StopWorkersFirst&) = delete;

 private:
  RunContext& ctx_;
};

}  // namespace kefu::load
