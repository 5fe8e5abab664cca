// Routed messages: buyers, each with a conversation an agent holds, send messages at a fixed
// total rate (open loop); agents answer after their think time. Every message must be
// acknowledged to its sender and delivered to the other side, in order. With --rates, the
// same buyers and agents go through one step per rate (a sweep), each drained before the next.
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

namespace {

// The counters that decide whether a step lost anything.
struct Totals {
  std::uint64_t sent = 0, received = 0, acked = 0, refused = 0, replies_due = 0, replies_sent = 0;

  static Totals of(const RunContext& ctx) {
    return {ctx.total(Count::kSent),       ctx.total(Count::kReceived),
            ctx.total(Count::kAcked),      ctx.total(Count::kRefused),
            ctx.total(Count::kRepliesDue), ctx.total(Count::kRepliesSent)};
  }
  // Everything sent was answered, and delivered unless refused.
  bool drained() const {
    return received + refused >= sent && acked + refused >= sent && replies_sent == replies_due;
  }
};

// One step: messages at `rate` for --duration, then waits for everything in flight. Puts its
// figures in the results under `prefix`; true when everything arrived.
bool run_step(RunContext& ctx, ClientsByWorker& buyers, double rate, const std::string& prefix) {
  const Options& o = ctx.options();
  Results& r = ctx.results();
  const std::size_t workers = ctx.worker_count();
  // The rate counts both sides: agents answer every k-th buyer message.
  const double k = o.target == Target::kKefu ? o.reply_every : 0;
  const double buyer_rate = k > 0 ? rate * k / (k + 1) : rate;
  r.set(prefix + "offered_rate", rate, 0);
  r.set(prefix + "duration_s", o.duration_s, 1);

  const Totals before = Totals::of(ctx);
  const std::int64_t start = now_ns() + 50 * kNsPerMs;
  const std::int64_t end = start + static_cast<std::int64_t>(o.duration_s * 1e9);
  ctx.take_histograms();  // what came before this step is not its
  ctx.record_from(start + static_cast<std::int64_t>(o.warmup_s * 1e9));
  ctx.mark_cpu();

  std::vector<std::unique_ptr<Pacer>> pacers;
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
  const bool complete =
      ctx.wait_reporting([&] { return Totals::of(ctx).drained(); }, o.drain_s, start) &&
      all_paced();
  const std::int64_t done = now_ns();
  // The pacers run on the workers: they must not outlive this step while still ticking.
  if (!all_paced()) ctx.stop_workers();

  const Totals after = Totals::of(ctx);
  const std::uint64_t sent = after.sent - before.sent;
  const std::uint64_t received = after.received - before.received;
  const std::uint64_t acked = after.acked - before.acked;
  const std::uint64_t refused = after.refused - before.refused;
  const double elapsed = static_cast<double>(done - start) / 1e9;
  r.set(prefix + "sent_per_s", static_cast<double>(sent) / o.duration_s, 0);
  // Delivered over the whole time it took, drain included: a server that falls behind shows.
  r.set(prefix + "msg_per_s", static_cast<double>(received) / elapsed, 0);
  r.set(prefix + "elapsed_s", elapsed, 2);
  r.set(prefix + "drain_s", static_cast<double>(done - paced) / 1e9, 2);
  // Refused messages were answered "unavailable, retry": not lost, but not served either.
  r.set(prefix + "refused", refused);
  r.set(prefix + "lost", sent - std::min(sent, received + refused));
  r.set(prefix + "unacked", sent - std::min(sent, acked + refused));
  ctx.add_cpu_results(elapsed, prefix);
  const auto histograms = ctx.take_histograms();
  for (Latency l : {Latency::kDelivery, Latency::kAck})
    r.set_latency(prefix + std::string{name_of(l)}, histograms[static_cast<std::size_t>(l)]);
  const bool ok = complete && received == sent && acked == sent && refused == 0;
  r.set(prefix + "ok", ok ? "yes" : "no");
  return ok;
}

}  // namespace

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

  bool steps_ok = true;
  if (o.rates.empty()) {
    steps_ok = run_step(ctx, buyers, o.rate, "");
  } else {
    r.set("steps", static_cast<std::uint64_t>(o.rates.size()));
    for (std::size_t i = 0; i < o.rates.size() && steps_ok; ++i) {
      // A step that did not drain leaves a backlog that would spoil the next: stop there.
      steps_ok = run_step(ctx, buyers, o.rates[i], "step" + std::to_string(i + 1) + "_");
      r.set("steps_run", static_cast<std::uint64_t>(i + 1));
    }
  }
  ctx.stop_workers();
  ctx.add_stats_results();
  const bool ok = steps_ok && ctx.total(Count::kDuplicateAcks) == 0 &&
                  ctx.total(Count::kOutOfOrder) == 0 && ctx.total(Count::kErrors) == 0 &&
                  ctx.total(Count::kDisconnects) == 0;
  r.set("ok", ok ? "yes" : "no");
  return ok ? kExitOk : kExitLoss;
}

}  // namespace kefu::load
