#pragma once
// Connects a set of clients (each on its worker) with at most a given number setting up at
// once per worker, so the server sees a steady ramp instead of one burst, and counts how
// many became ready or failed.
#include <atomic>
#include <memory>
#include <vector>

#include "run_context.h"
#include "sim_client.h"

namespace kefu::load {

using ClientsByWorker = std::vector<std::vector<std::unique_ptr<SimClient>>>;

class Ramp {
 public:
  Ramp(RunContext& ctx, ClientsByWorker& clients, std::size_t max_inflight_per_worker);

  // Starts, and waits up to `seconds` for every client to be ready or failed (false if not).
  bool run(double seconds);
  std::uint64_t ready() const { return ready_.load(); }
  std::uint64_t failed() const { return failed_.load(); }

 private:
  void next(std::size_t w);

  RunContext& ctx_;
  ClientsByWorker& clients_;
  std::size_t max_inflight_;
  std::vector<std::size_t> next_;  // per worker, its thread only
  std::atomic<std::uint64_t> ready_{0};
  std::atomic<std::uint64_t> failed_{0};
};

}  // namespace kefu::load
