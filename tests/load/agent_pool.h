#pragma once
// The agents of a kefu run: logged in over HTTP (POST /api/login), spread over the workers,
// connected and online before the load starts.
#include <memory>
#include <vector>

#include "agent.h"
#include "run_context.h"

namespace kefu::load {

class AgentPool {
 public:
  // Logs in the shop's first n agents (all when n is 0) and brings them online. Throws
  // std::runtime_error when that fails.
  AgentPool(RunContext& ctx, std::size_t n);
  std::size_t size() const { return agents_.size(); }

 private:
  std::vector<std::unique_ptr<Agent>> agents_;
};

}  // namespace kefu::load
