#pragma once
// Puts together what the dashboard is computed from (supervision::DashboardState): the state
// read from Redis, the shop's config (names, groups, capacities, schedule with the rota
// changes, R-SHIFT-3 extension) and today's figures. No I/O.
#include <map>
#include <string>

#include "app/dashboard_store.h"
#include "app/today_figures.h"
#include "chat/shop_directory.h"
#include "supervision/dashboard_state.h"

namespace kefu::app {

// R-SUP-1: the shop's threshold for a long wait; 60 s unless its config sets one.
std::int64_t wait_alert_ms(const v1::Shop& shop);

supervision::DashboardState dashboard_state(
    const chat::ShopEntry& shop, DashboardRead read,
    const std::map<std::string, AgentToday, std::less<>>& figures, TimePoint now);

}  // namespace kefu::app
