#pragma once
// A shop's KPI settings (DOMAIN.md §6). Defaults are Kefu's reading of the seeds; every number
// is the shop's to change.
#include <chrono>

#include "core/clock.h"

namespace kefu::kpi {

// R-KPI-1: the daily assessment window in local time, [start, end). Default 08:00–24:00
// (Taobao); JD uses 09:00–23:00. Requires 0 <= start < end <= 24:00 (no wrap past midnight).
struct AssessmentWindow {
  std::chrono::minutes start{8 * 60};
  std::chrono::minutes end{24 * 60};
};

struct KpiSettings {
  AssessmentWindow window;
  // R-KPI-3: shares of rounds answered within these (JD 30 s, Taobao 3 min); "within" is <=.
  Millis fast_reply{std::chrono::seconds{30}};
  Millis slow_reply{std::chrono::minutes{3}};
  // R-KPI-4: a buyer whose message waited longer than this (strictly) counts as not replied.
  Millis reply_rate_max_wait{std::chrono::hours{1}};
  // R-KPI-6: an order paid by the end of local day D + n counts for an inquiry of day D.
  int conversion_next_day_days = 1;  // the "next-day" figure
  int conversion_final_days = 3;     // the final figure; credited sales use this one
};

bool is_valid(const AssessmentWindow& w);

}  // namespace kefu::kpi
