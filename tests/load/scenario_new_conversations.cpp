// New conversations: buyers arrive at a fixed rate (open loop), each on a new connection:
// hello with a fresh buyer token, startConversation, which the server routes to an agent in
// one Lua step; then the buyer leaves. Timed from startConversation to conversationStarted,
// and from the intended arrival (connect and hello included). Every conversation must start
// and its agent must be told.
#include <algorithm>
#include <deque>
#include <memory>
#include <optional>
#include <unordered_map>

#include "agent_pool.h"
#include "client_factory.h"
#include "clock.h"
#include "pacer.h"
#include "report_errors.h"
#include "scenarios.h"

namespace kefu::load {

namespace {

// One worker's share of the arrivals; used on that worker's thread only.
class Lane {
 public:
  Lane(RunContext& ctx, std::size_t w, std::size_t max_inflight)
      : ctx_{ctx}, w_{w}, max_inflight_{max_inflight} {}

  void arrive(std::int64_t intended, std::uint64_t index) {
    const std::string id =
        "nc-" + ctx_.run_id() + "-" + std::to_string(w_) + "-" + std::to_string(index);
    auto client = make_client(ctx_, w_, id, /*start_conversation=*/true, intended);
    client->on_ready = [this, index] { finish(index, true); };
    client->on_failed = [this, index] { finish(index, false); };
    SimClient* c = client.get();
    live_.emplace(index, std::move(client));
    if (inflight_ < max_inflight_) {
      begin(*c);
    } else {
      waiting_.push_back(c);
    }
  }

  std::atomic<std::uint64_t> ok{0};
  std::atomic<std::uint64_t> failed{0};

 private:
  void begin(SimClient& c) {
    ++inflight_;
    c.connect(ctx_.sources(w_).next());
  }

  void finish(std::uint64_t index, bool started) {
    (started ? ok : failed).fetch_add(1);
    --inflight_;
    auto it = live_.find(index);
    if (it != live_.end()) {
      it->second->close();
      // Called from inside the client: destroy it once its call returned.
      ctx_.worker(w_).post([this, index] { live_.erase(index); });
    }
    while (inflight_ < max_inflight_ && !waiting_.empty()) {
      SimClient* next = waiting_.front();
      waiting_.pop_front();
      begin(*next);
    }
  }

  RunContext& ctx_;
  std::size_t w_;
  std::size_t max_inflight_;
  std::size_t inflight_ = 0;
  std::unordered_map<std::uint64_t, std::unique_ptr<SimClient>> live_;
  std::deque<SimClient*> waiting_;  // arrived while max_inflight were setting up
};

}  // namespace

int run_new_conversations(RunContext& ctx) {
  const Options& o = ctx.options();
  Results& r = ctx.results();
  const std::size_t workers = ctx.worker_count();
  const bool kefu = o.target == Target::kKefu;
  r.set("scenario", "new-conversations");
  r.set("target", kefu ? "kefu" : "echo");

  std::optional<AgentPool> agents;
  std::vector<std::unique_ptr<Lane>> lanes;
  std::vector<std::unique_ptr<Pacer>> pacers;
  StopWorkersFirst stop_first{ctx};
  if (kefu) {
    try {
      agents.emplace(ctx, o.agents);
    } catch (const std::exception& e) {
      report_error(std::string{"agents: "} + e.what());
      return kExitSetup;
    }
    r.set("agents", static_cast<std::uint64_t>(agents->size()));
  }

  const std::int64_t start = now_ns() + 50 * kNsPerMs;
  const std::int64_t end = start + static_cast<std::int64_t>(o.duration_s * 1e9);
  ctx.record_from(start + static_cast<std::int64_t>(o.warmup_s * 1e9));
  ctx.mark_cpu();
  r.set("offered_rate", o.rate, 0);
  r.set("duration_s", o.duration_s, 1);
  for (std::size_t w = 0; w < workers; ++w) {
    lanes.push_back(std::make_unique<Lane>(
        ctx, w, std::max<std::size_t>(1, max_inflight_or(o, 1000) / workers)));
    pacers.push_back(std::make_unique<Pacer>(
        ctx.worker(w), o.rate / static_cast<double>(workers), start, end,
        [lane = lanes.back().get()](std::int64_t intended, std::uint64_t index) {
          lane->arrive(intended, index);
        }));
    ctx.worker(w).post([p = pacers.back().get()] { p->start(); });
  }
  auto all_paced = [&] {
    return std::all_of(pacers.begin(), pacers.end(), [](const auto& p) { return p->finished(); });
  };
  ctx.wait_reporting(all_paced, o.duration_s + 30, start);
  const std::int64_t paced = now_ns();

  auto sum = [&](auto member) {
    std::uint64_t n = 0;
    for (const auto& l : lanes) n += ((*l).*member).load();
    return n;
  };
  auto fired = [&] {
    std::uint64_t n = 0;
    for (const auto& p : pacers) n += p->fired();
    return n;
  };
  auto drained = [&] {
    if (sum(&Lane::ok) + sum(&Lane::failed) < fired()) return false;
    return !kefu || ctx.total(Count::kAssignedToAgent) >= ctx.total(Count::kAssignedAtStart);
  };
  const bool complete = ctx.wait_reporting(drained, o.drain_s, start) && all_paced();
  const std::int64_t done = now_ns();
  ctx.add_cpu_results(static_cast<double>(done - start) / 1e9);
  ctx.stop_workers();

  const std::uint64_t arrivals = fired();
  const std::uint64_t started = sum(&Lane::ok);
  const double elapsed = static_cast<double>(done - start) / 1e9;
  r.set("arrivals", arrivals);
  r.set("arrivals_per_s", static_cast<double>(arrivals) / o.duration_s, 0);
  r.set("conversations_per_s", static_cast<double>(started) / elapsed, 0);
  r.set("elapsed_s", elapsed, 2);
  r.set("drain_s", static_cast<double>(done - paced) / 1e9, 2);
  r.set("not_started", arrivals - std::min(arrivals, started));
  ctx.add_stats_results();
  bool ok = complete && started == arrivals && ctx.total(Count::kErrors) == 0;
  if (kefu) {
    const std::uint64_t at_start = ctx.total(Count::kAssignedAtStart);
    const std::uint64_t told = ctx.total(Count::kAssignedToAgent);
    r.set("queued", started - std::min(started, at_start));
    r.set("agents_not_told", at_start - std::min(at_start, told));
    ok = ok && told == at_start;
  }
  r.set("ok", ok ? "yes" : "no");
  return ok ? kExitOk : kExitLoss;
}

}  // namespace kefu::load
