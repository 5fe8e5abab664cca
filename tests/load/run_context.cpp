#include "run_context.h"

#include <unistd.h>

#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <ctime>
#include <mutex>
#include <thread>

#include "auth/buyer_token.h"
#include "clock.h"
#include "proc_status.h"

namespace kefu::load {

RunContext::RunContext(const Options& options) : options_{options} {
  if (options.target == Target::kKefu) shop_ = read_shop_info(options.config_path, options.shop_id);
  run_id_ = std::to_string(std::time(nullptr)) + "-" + std::to_string(getpid());
  for (std::size_t i = 0; i < options.threads; ++i) {
    workers_.push_back(std::make_unique<Worker>());
    sources_.push_back(std::make_unique<SourceAddresses>(options.sources));
    workers_.back()->start();
  }
}

RunContext::~RunContext() { stop_workers(); }

std::uint64_t RunContext::total(Count c) const {
  std::uint64_t sum = 0;
  for (const auto& w : workers_) sum += w->stats().get(c);
  return sum;
}

Histogram RunContext::merged(Latency l) const {
  Histogram h;
  for (const auto& w : workers_) h.merge(w->stats().histogram(l));
  return h;
}

std::array<Histogram, kLatencies> RunContext::take_histograms() {
  struct Taken {
    std::mutex mutex;
    std::array<Histogram, kLatencies> merged;
    std::size_t done = 0;
  };
  auto taken = std::make_shared<Taken>();
  for (auto& w : workers_) {
    Worker* worker = w.get();
    worker->post([worker, taken] {
      std::lock_guard lock(taken->mutex);
      worker->stats().merge_histograms_into(taken->merged);
      worker->stats().reset_histograms();
      ++taken->done;
    });
  }
  wait_for(
      [&] {
        std::lock_guard lock(taken->mutex);
        return taken->done == workers_.size();
      },
      30);
  std::lock_guard lock(taken->mutex);
  return taken->merged;
}

void RunContext::record_from(std::int64_t ns) {
  for (auto& w : workers_) w->stats().set_recording_from(ns);
}

bool RunContext::wait_for(const std::function<bool()>& done, double seconds) {
  const std::int64_t deadline = now_ns() + static_cast<std::int64_t>(seconds * 1e9);
  while (!done()) {
    if (now_ns() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

bool RunContext::wait_reporting(const std::function<bool()>& done, double seconds,
                                std::int64_t start_ns) {
  if (!options_.progress) return wait_for(done, seconds);
  return wait_for(
      [&] {
        const std::int64_t now = now_ns();
        if (now - last_progress_ns_ >= kNsPerS) {
          last_progress_ns_ = now;
          std::fprintf(stderr,
                       "kefu-load: %6.1f s  sent %" PRIu64 "  acked %" PRIu64 "  received %" PRIu64
                       "  started %" PRIu64 "  assigned %" PRIu64 "  errors %" PRIu64
                       "  disconnects %" PRIu64 "\n",
                       static_cast<double>(now - start_ns) / 1e9, total(Count::kSent),
                       total(Count::kAcked), total(Count::kReceived), total(Count::kStarted),
                       total(Count::kAssignedToAgent), total(Count::kErrors),
                       total(Count::kDisconnects));
        }
        return done();
      },
      seconds);
}

void RunContext::stop_workers() {
  for (auto& w : workers_) w->stop();
}

std::string RunContext::buyer_token(const std::string& buyer_id) const {
  if (!shop_) return std::string(120, 't');  // the echo server only bounces it
  auth::BuyerClaims claims;
  claims.shop_id = shop_->shop_id;
  claims.buyer_id = buyer_id;
  claims.expires_at_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(
          std::chrono::system_clock::now().time_since_epoch() + std::chrono::hours(6))
          .count();
  return auth::sign_buyer_token(claims, shop_->buyer_token_secret);
}

void RunContext::mark_cpu() {
  own_cpu_ = own_cpu_seconds();
  server_cpu_ = options_.server_pid ? cpu_seconds(options_.server_pid) : std::nullopt;
  redis_cpu_ = options_.redis_pid ? cpu_seconds(options_.redis_pid) : std::nullopt;
}

void RunContext::add_cpu_results(double wall_seconds, const std::string& prefix) {
  if (wall_seconds <= 0) return;
  // Percent of one core, like top.
  auto percent = [wall_seconds](double cpu) { return 100.0 * cpu / wall_seconds; };
  results_.set(prefix + "load_cpu_pct", percent(own_cpu_seconds() - own_cpu_));
  if (server_cpu_) {
    if (auto now = cpu_seconds(options_.server_pid))
      results_.set(prefix + "server_cpu_pct", percent(*now - *server_cpu_));
  }
  if (redis_cpu_) {
    if (auto now = cpu_seconds(options_.redis_pid))
      results_.set(prefix + "redis_cpu_pct", percent(*now - *redis_cpu_));
  }
}

void RunContext::add_stats_results() {
  for (std::size_t i = 0; i < kCounts; ++i) {
    const auto c = static_cast<Count>(i);
    results_.set(std::string{name_of(c)}, total(c));
  }
  for (std::size_t i = 0; i < kLatencies; ++i) {
    const auto l = static_cast<Latency>(i);
    const Histogram h = merged(l);
    if (h.count() > 0) results_.set_latency(std::string{name_of(l)}, h);
  }
}

}  // namespace kefu::load
