#pragma once
// A shop's KPI settings, scorecard templates, commission table and blackout periods (DOMAIN.md
// §6, §7) as the pure KPI code wants them, built once from the config (Shop.kpi) with the
// defaults filled in.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kefu/v1/config.pb.h"
#include "kpi/commission.h"
#include "kpi/scorecard.h"
#include "kpi/settings.h"

namespace kefu::chat {

struct ShopKpiRules {
  kpi::KpiSettings settings;
  kpi::ScoreTemplate presale = kpi::default_presale_template();
  kpi::ScoreTemplate aftersale = kpi::default_aftersale_template();
  std::vector<kpi::CommissionBand> bands = kpi::default_commission_bands();
  std::vector<kpi::BlackoutPeriod> blackouts = kpi::default_blackout_periods();

  const kpi::ScoreTemplate& template_for(bool pre_sale) const {
    return pre_sale ? presale : aftersale;
  }
};

// "11-11" → {11, 11}: a day of the year as blackouts give it (29 February allowed); nullopt
// when it is not one.
std::optional<std::pair<unsigned, unsigned>> parse_month_day(std::string_view text);

// Appends what is wrong to `problems`, each prefixed with the shop's id.
ShopKpiRules build_shop_kpi_rules(const v1::Shop& shop, std::vector<std::string>& problems);

}  // namespace kefu::chat
