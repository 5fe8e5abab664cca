#pragma once
// R-KPI-8: agents whose reply rate or reception is below their team's average are flagged for
// a chat-log review.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kpi/figures.h"

namespace kefu::kpi {

struct LowPerformerFlag {
  std::string agent_id;
  std::optional<std::int64_t> reply_rate_ppm;  // undefined when the agent had no buyer-days
  std::int64_t receptions = 0;
  bool reply_rate_below_average = false;
  bool reception_below_average = false;
  bool flagged() const { return reply_rate_below_average || reception_below_average; }
};

struct TeamAverages {
  std::optional<std::int64_t> reply_rate_ppm;    // mean of the defined agents' rates, rounded
  std::optional<std::int64_t> receptions_milli;  // mean reception x 1000, rounded
};

struct LowPerformerReport {
  TeamAverages averages;
  std::vector<LowPerformerFlag> agents;  // same order as the input
};

// `team` holds one Figures per agent of the team for the same period. The reply-rate average is
// the plain mean of the agents' rates (in ppm) over agents whose rate is defined; an agent with
// no rate is never flagged for it. The reception average is over every agent given, including
// those with zero. "Below" is strict: an agent exactly at the average is not flagged.
LowPerformerReport low_performers(const std::vector<Figures>& team);

}  // namespace kefu::kpi
