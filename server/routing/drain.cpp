#include "routing/drain.h"

#include <algorithm>

#include "routing/eligibility.h"

namespace kefu::routing {

std::vector<DrainStep> plan_drain(const ShopView& shop, std::string_view group,
                                  std::vector<QueueEntry> queue, TimePoint now) {
  sort_queue(queue);
  auto verdicts = judge_group(shop, group, now);
  std::string cursor = shop.cursor_of(group);
  std::vector<DrainStep> plan;
  for (const auto& entry : queue) {
    ChoiceInput in{shop.policy.strategy, shop.policy.sticky_window, entry.last_agent, cursor};
    Choice choice = choose_agents(verdicts, in, now);
    if (choice.candidates.empty()) break;  // FIFO: nobody jumps the head of the queue
    // The first candidate is who the claim will most likely take: count that slot.
    const std::string& taker = choice.candidates.front().agent_id;
    auto v = std::find_if(verdicts.begin(), verdicts.end(),
                          [&](auto& x) { return x.agent_id == taker; });
    ++v->load;
    // Each planned pick counts as a little more recent than the one before, so ties of the
    // least-loaded order (R-ROUTE-6: longest idle) alternate between agents.
    v->last_assigned_at = now + std::chrono::microseconds{static_cast<long>(plan.size())};
    if (v->load >= v->capacity) v->why = Ineligible::kAtCapacity;
    cursor = taker;
    plan.push_back(
        {entry.conversation_id, std::move(choice.candidates), std::move(choice.sticky_note)});
  }
  return plan;
}

}  // namespace kefu::routing
