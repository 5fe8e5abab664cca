#include "kpi/low_performers.h"

#include "kpi/ratio.h"

namespace kefu::kpi {

LowPerformerReport low_performers(const std::vector<Figures>& team) {
  LowPerformerReport report;
  std::int64_t rate_sum = 0, rate_count = 0, reception_sum = 0;
  for (const Figures& f : team) {
    if (auto ppm = f.reply_rate.ppm()) {
      rate_sum += *ppm;
      ++rate_count;
    }
    reception_sum += f.receptions;
  }
  const auto n = static_cast<std::int64_t>(team.size());
  if (rate_count > 0) report.averages.reply_rate_ppm = divide_rounded(rate_sum, rate_count);
  if (n > 0) report.averages.receptions_milli = divide_rounded(reception_sum * 1000, n);

  for (const Figures& f : team) {
    LowPerformerFlag flag;
    flag.agent_id = f.scope.name;
    flag.reply_rate_ppm = f.reply_rate.ppm();
    flag.receptions = f.receptions;
    // Exact comparisons against the unrounded mean: x < sum / count  <=>  x * count < sum.
    if (flag.reply_rate_ppm)
      flag.reply_rate_below_average = *flag.reply_rate_ppm * rate_count < rate_sum;
    flag.reception_below_average = f.receptions * n < reception_sum;
    report.agents.push_back(std::move(flag));
  }
  return report;
}

}  // namespace kefu::kpi
