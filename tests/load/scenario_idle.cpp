// Idle connections: N clients connect and say hello (kefu buyers; echo peers make one round
// trip), then hold still. The server's resident memory growth divided by N is the memory a
// connection costs.
#include <chrono>
#include <thread>

#include "client_factory.h"
#include "clock.h"
#include "proc_status.h"
#include "ramp.h"
#include "scenarios.h"

namespace kefu::load {

int run_idle(RunContext& ctx) {
  const Options& o = ctx.options();
  Results& r = ctx.results();
  const std::size_t workers = ctx.worker_count();
  r.set("scenario", "idle");
  r.set("connections", static_cast<std::uint64_t>(o.connections));

  std::optional<std::uint64_t> before;
  if (o.server_pid) before = resident_bytes(o.server_pid);

  ClientsByWorker clients(workers);
  StopWorkersFirst stop_first{ctx};
  for (std::size_t i = 0; i < o.connections; ++i) {
    const std::size_t w = i % workers;
    clients[w].push_back(make_client(ctx, w, "idle-" + ctx.run_id() + "-" + std::to_string(i),
                                     /*start_conversation=*/false));
  }
  Ramp ramp(ctx, clients, std::max<std::size_t>(1, max_inflight_or(o, 1000) / workers));
  const std::int64_t t0 = now_ns();
  const bool finished = ramp.run(60.0 + static_cast<double>(o.connections) / 200.0);
  const double ramp_s = static_cast<double>(now_ns() - t0) / 1e9;
  r.set("held", ramp.ready());
  r.set("failed", ramp.failed());
  r.set("ramp_s", ramp_s, 2);
  if (ramp_s > 0) r.set("connects_per_s", static_cast<double>(ramp.ready()) / ramp_s, 0);

  std::this_thread::sleep_for(std::chrono::duration<double>(o.settle_s));
  if (before) {
    if (auto after = resident_bytes(o.server_pid)) {
      r.set("server_rss_before_kb", *before / 1024);
      r.set("server_rss_after_kb", *after / 1024);
      if (ramp.ready() > 0) {
        const double growth = static_cast<double>(*after) - static_cast<double>(*before);
        r.set("bytes_per_connection", growth / static_cast<double>(ramp.ready()), 0);
      }
    }
  }
  const std::uint64_t disconnects = ctx.total(Count::kDisconnects);
  ctx.stop_workers();
  ctx.add_stats_results();
  const bool ok = finished && ramp.failed() == 0 && ramp.ready() == o.connections &&
                  disconnects == 0 && ctx.total(Count::kErrors) == 0;
  r.set("ok", ok ? "yes" : "no");
  return ok ? kExitOk : kExitLoss;
}

}  // namespace kefu::load
