#include "ramp.h"

namespace kefu::load {

Ramp::Ramp(RunContext& ctx, ClientsByWorker& clients, std::size_t max_inflight_per_worker)
    : ctx_{ctx},
      clients_{clients},
      max_inflight_{max_inflight_per_worker ? max_inflight_per_worker : 1},
      next_(clients.size(), 0) {}

bool Ramp::run(double seconds) {
  std::uint64_t total = 0;
  for (std::size_t w = 0; w < clients_.size(); ++w) {
    total += clients_[w].size();
    ctx_.worker(w).post([this, w] {
      for (std::size_t k = 0; k < max_inflight_; ++k) next(w);
    });
  }
  return RunContext::wait_for([&] { return ready() + failed() == total; }, seconds);
}

void Ramp::next(std::size_t w) {
  auto& clients = clients_[w];
  if (next_[w] >= clients.size()) return;
  SimClient& client = *clients[next_[w]++];
  client.on_ready = [this, w] {
    ready_.fetch_add(1);
    next(w);
  };
  client.on_failed = [this, w] {
    failed_.fetch_add(1);
    next(w);
  };
  client.connect(ctx_.sources(w).next());
}

}  // namespace kefu::load
