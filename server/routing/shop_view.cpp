#include "routing/shop_view.h"

#include <algorithm>

namespace kefu::routing {

const AgentSnapshot* ShopView::agent(std::string_view id) const {
  auto it = std::find_if(agents.begin(), agents.end(), [&](auto& a) { return a.id == id; });
  return it == agents.end() ? nullptr : &*it;
}

bool ShopView::has_group(std::string_view id) const {
  return std::find(groups.begin(), groups.end(), id) != groups.end();
}

std::string ShopView::cursor_of(std::string_view group) const {
  auto it = round_robin_cursors.find(group);
  return it == round_robin_cursors.end() ? std::string{} : it->second;
}

bool ShopView::on_shift(std::string_view agent_id, TimePoint now) const {
  return on_shift_memo ? on_shift_memo->on_shift(agent_id, now)
                       : shifts::is_on_shift(schedule, agent_id, now);
}

}  // namespace kefu::routing
