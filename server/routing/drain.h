#pragma once
// Draining a group's queue at once when a slot frees, an agent comes online or a shift starts
// (R-ROUTE-7), left messages first (R-ROUTE-9). The plan walks the queue in order and gives each
// entry its ordered candidates, counting the slots earlier entries of the plan will take, so two
// agents coming online at once split the queue FIFO between them. The Lua claim re-checks
// capacity for every step.
#include <span>
#include <string>
#include <vector>

#include "core/clock.h"
#include "routing/agent_choice.h"
#include "routing/queue.h"
#include "routing/shop_view.h"

namespace kefu::routing {

struct DrainStep {
  std::string conversation_id;
  std::vector<Candidate> candidates;  // ordered, as for a new conversation
  std::string sticky_note;
};

// `queue` in any order: it is sorted here. Stops at the first entry nobody can take.
std::vector<DrainStep> plan_drain(const ShopView& shop, std::string_view group,
                                  std::vector<QueueEntry> queue, TimePoint now);

}  // namespace kefu::routing
