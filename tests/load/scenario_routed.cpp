// Routed messages: buyers, each with a conversation an agent holds, send messages at a fixed
// total rate (open loop); agents answer after their think time. Every message must be
// acknowledged to its sender and delivered to the other side, in order.
#include <algorithm>
#include <memory>
#include <optional>

#include "agent_pool.h"
#include "client_factory.h"
#include "clock.h"
#include "pacer.h"
#include "ramp.h"
#include "report_errors.h"
#include "scenarios.h"

namespace kefu::load {

int run_routed(RunContext& ctx) {
  const Options& o = ctx.options();
  Results& r = ctx.results();
  const std::size_t workers = ctx.worker_count();
  const bool kefu = o.target == Target::kKefu;
  r.set("scenario", "routed");
  r.set("target", kefu ? "kefu" : "echo");
  if (o.buyers < workers) {
    report_error("--buyers must be at least --threads");
    return kExitSetup;
  }

  std::optional<AgentPool> agents;
  ClientsByWorker buyers(workers);
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

  for (std::size_t i = 0; i < o.buyers; ++i) {
    const std::size_t w = i % workers;
    buyers[w].push_back(make_client(ctx, w, "rb-" + ctx.run_id() + "-" + std::to_string(i),
                                    /*start_conversation=*/true));
  }
  // Few at a time: each start is routed from a snapshot of the agents' loads taken before its
  // claim, so a burst of simultaneous starts would all pick the same least-loaded agent.
  Ramp ramp(ctx, buyers, std::max<std::size_t>(1, max_inflight_or(o, 4) / workers));
  if (!ramp.run(60.0 + static_cast<double>(o.buyers) / 50.0) || ramp.failed() > 0) {
    report_error("only " + std::to_string(ramp.ready()) + " of " + std::to_string(o.buyers) +
                 " buyers got an agent");
    return kExitSetup;
  }
  r.set("buyers", static_cast<std::uint64_t>(o.buyers));

  // The rate counts both sides: agents answer every k-th buyer message.
  const double k = kefu ? o.reply_every : 0;
  const double buyer_rate = k > 0 ? o.rate * k / (k + 1) : o.rate;
  r.set("offered_rate", o.rate, 0);
  r.set("duration_s", o.duration_s, 1);
  const std::int64_t start = now_ns() + 50 * kNsPerMs;
  const std::int64_t end = start + static_cast<std::int64_t>(o.duration_s * 1e9);
  ctx.record_from(start + static_cast<std::int64_t>(o.warmup_s * 1e9));
  ctx.mark_cpu();

  for (std::size_t w = 0; w < workers; ++w) {
    auto* mine = &buyers[w];
    auto next = std::make_shared<std::size_t>(0);
    pacers.push_back(
        std::make_unique<Pacer>(ctx.worker(w), buyer_rate / static_cast<double>(workers), start,
                                end, [mine, next](std::int64_t intended, std::uint64_t) {
                                  (*mine)[(*next)++ % mine->size()]->send_message(intended);
                                }));
    ctx.worker(w).post([p = pacers.back().get()] { p->start(); });
  }
  auto all_paced = [&] {
    return std::all_of(pacers.begin(), pacers.end(), [](const auto& p) { return p->finished(); });
  };
  ctx.wait_reporting(all_paced, o.duration_s + 30, start);
  const std::int64_t paced = now_ns();

  auto drained = [&] {
    const std::uint64_t sent = ctx.total(Count::kSent);
    return ctx.total(Count::kReceived) >= sent && ctx.total(Count::kAcked) >= sent &&
           ctx.total(Count::kRepliesSent) == ctx.total(Count::kRepliesDue);
  };
  const bool complete = ctx.wait_reporting(drained, o.drain_s, start) && all_paced();
  const std::int64_t done = now_ns();
  ctx.add_cpu_results(static_cast<double>(done - start) / 1e9);
  ctx.stop_workers();

  const std::uint64_t sent = ctx.total(Count::kSent);
  const std::uint64_t received = ctx.total(Count::kReceived);
  const std::uint64_t acked = ctx.total(Count::kAcked);
  const double elapsed = static_cast<double>(done - start) / 1e9;
  r.set("sent_per_s", static_cast<double>(sent) / o.duration_s, 0);
  // Delivered over the whole time it took, drain included: a server that falls behind shows.
  r.set("msg_per_s", static_cast<double>(received) / elapsed, 0);
  r.set("elapsed_s", elapsed, 2);
  r.set("drain_s", static_cast<double>(done - paced) / 1e9, 2);
  r.set("lost", sent - std::min(sent, received));
  r.set("unacked", sent - std::min(sent, acked));
  ctx.add_stats_results();
  const bool ok = complete && received == sent && acked == sent &&
                  ctx.total(Count::kDuplicateAcks) == 0 && ctx.total(Count::kOutOfOrder) == 0 &&
                  ctx.total(Count::kErrors) == 0 && ctx.total(Count::kDisconnects) == 0;
  r.set("ok", ok ? "yes" : "no");
  return ok ? kExitOk : kExitLoss;
}

}  // namespace kefu::load
