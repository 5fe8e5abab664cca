#include "kpi/scorecard.h"

#include <algorithm>
#include <set>

namespace kefu::kpi {

namespace {

ScorePart supervisor_part(std::string id, std::string label, std::int32_t max_tenths) {
  return {
      std::move(id), std::move(label), max_tenths, PartSource::kSupervisor, Metric::kNone, 0, 0};
}

ScorePart measured_part(std::string id, std::string label, std::int32_t max_tenths, Metric m,
                        std::int64_t zero_at, std::int64_t full_at) {
  return {std::move(id), std::move(label), max_tenths, PartSource::kMeasured, m, zero_at, full_at};
}

constexpr std::int64_t kPpm = 1'000'000;

// The seed's four parts [002]: team task 30, handover 20, satisfaction 30, business skill 20.
// Pre-sale splits business skill into 10 entered + 10 for inquiry conversion; after-sale splits
// it into 10 entered + 10 for rounds answered within 3 minutes (no sales part, R-SCORE-5).
std::vector<ScorePart> common_parts() {
  return {supervisor_part("team_task", "Team monthly task (团队月度任务)", 300),
          supervisor_part("handover", "Handover and task completion (交接及任务完成)", 200),
          measured_part("satisfaction", "Customer satisfaction (满意度)", 300,
                        Metric::kSatisfactionRate, 0, kPpm),
          supervisor_part("skill", "Business skill (业务素质和能力)", 100)};
}

}  // namespace

ScoreTemplate default_presale_template() {
  ScoreTemplate t;
  t.id = "presale";
  t.parts = common_parts();
  t.parts.push_back(measured_part("conversion", "Inquiry conversion (询单转化率)", 100,
                                  Metric::kConversionFinal, 0, kPpm / 2));
  t.commission = true;
  return t;
}

ScoreTemplate default_aftersale_template() {
  ScoreTemplate t;
  t.id = "aftersale";
  t.parts = common_parts();
  t.parts.push_back(measured_part("response", "Rounds answered within 3 min (3分钟响应率)", 100,
                                  Metric::kWithinSlowShare, 0, kPpm));
  t.commission = false;
  return t;
}

std::vector<std::string> validate(const ScoreTemplate& t) {
  std::vector<std::string> problems;
  std::int32_t sum = 0;
  std::set<std::string> ids;
  for (const ScorePart& p : t.parts) {
    sum += p.max_tenths;
    if (!ids.insert(p.id).second) problems.push_back("duplicate part id " + p.id);
    if (p.max_tenths < 0) problems.push_back("negative weight for " + p.id);
    if (p.source == PartSource::kMeasured &&
        (p.metric == Metric::kNone || p.zero_at == p.full_at)) {
      problems.push_back("measured part " + p.id + " needs a metric and zero_at != full_at");
    }
    if (!t.commission && p.metric == Metric::kConversionFinal) {
      problems.push_back("R-SCORE-5: a scorecard without commission has no conversion part (" +
                         p.id + ")");
    }
  }
  if (sum != 1000)
    problems.push_back("part weights add up to " + std::to_string(sum) + " tenths, not 1000");
  return problems;
}

std::optional<std::int64_t> metric_value(Metric m, const Figures& f) {
  switch (m) {
    case Metric::kNone:
      return std::nullopt;
    case Metric::kSatisfactionRate:
      return f.satisfaction.ppm();
    case Metric::kReplyRate:
      return f.reply_rate.ppm();
    case Metric::kConversionFinal:
      return f.conversion_final.ppm();
    case Metric::kWithinFastShare:
      return f.answered_within_fast.ppm();
    case Metric::kWithinSlowShare:
      return f.answered_within_slow.ppm();
    case Metric::kAverageResponseMs:
      return f.response.average_ms();
    case Metric::kFirstResponseAgentMs:
      return f.first_response_agent.average_ms();
  }
  return std::nullopt;
}

namespace {

std::int32_t linear_points(const ScorePart& p, std::int64_t value) {
  std::int64_t num = value - p.zero_at;
  std::int64_t den = p.full_at - p.zero_at;
  if (den < 0) {
    num = -num;
    den = -den;
  }
  num = std::clamp<std::int64_t>(num, 0, den);
  return static_cast<std::int32_t>(p.max_tenths * num / den);  // rounded down to a tenth
}

const SupervisorEntry* entry_for(const std::string& part_id,
                                 const std::vector<SupervisorEntry>& entries) {
  const SupervisorEntry* found = nullptr;
  for (const SupervisorEntry& e : entries) {
    if (e.part_id == part_id) found = &e;  // the latest entry wins
  }
  return found;
}

}  // namespace

Scorecard compute_scorecard(const ScoreTemplate& t, const ScorecardInput& in) {
  static const Figures kEmpty{};
  const Figures& f = in.figures != nullptr ? *in.figures : kEmpty;
  Scorecard card;
  card.agent_id = in.agent_id;
  card.template_id = t.id;
  card.month = f.range;
  card.complete = true;

  for (const ScorePart& part : t.parts) {
    PartResult r;
    r.part = part;
    const SupervisorEntry* entry = entry_for(part.id, in.entries);
    if (part.source == PartSource::kMeasured) r.measured_value = metric_value(part.metric, f);
    if (entry != nullptr) {
      r.entry = *entry;
      r.points_tenths = std::clamp(entry->points_tenths, 0, part.max_tenths);
      r.status =
          part.source == PartSource::kMeasured ? PartStatus::kOverridden : PartStatus::kEntered;
    } else if (part.source == PartSource::kMeasured && r.measured_value) {
      r.points_tenths = linear_points(part, *r.measured_value);
      r.status = PartStatus::kMeasured;
    } else {
      r.status = part.source == PartSource::kMeasured ? PartStatus::kNoData : PartStatus::kMissing;
      card.complete = false;
    }
    card.parts_tenths += r.points_tenths;
    card.parts.push_back(std::move(r));
  }

  card.adjustments = in.adjustments;
  if (t.bonus_for_zero_valid_complaints && f.receptions > 0 && f.valid_complaints == 0) {
    card.adjustments.push_back(
        {AdjustmentKind::kBonus, "zero valid complaints (当月有效投诉率为零)", 1, "", TimePoint{}});
  }
  for (const ScoreAdjustment& a : card.adjustments) {
    card.adjustments_tenths +=
        a.count * (a.kind == AdjustmentKind::kBonus ? t.bonus_tenths : -t.deduction_tenths);
  }
  card.total_tenths = card.parts_tenths + card.adjustments_tenths;

  if (t.commission) {
    card.commission =
        compute_commission(card.total_tenths, f.drilldown.inquiries, in.bands, in.blackouts);
    card.commission_settled = f.conversion_settled;
  }
  card.flags.under_60 = card.total_tenths < kFailingScoreTenths;
  card.flags.failed_two_months_in_a_row = card.flags.under_60 && in.previous_month_tenths &&
                                          *in.previous_month_tenths < kFailingScoreTenths;
  return card;
}

void apply_team_flags(std::vector<Scorecard>& team) {
  std::int64_t sum = 0;
  for (const Scorecard& c : team) sum += c.total_tenths;
  const auto n = static_cast<std::int64_t>(team.size());
  for (Scorecard& c : team) c.flags.below_team_average = c.total_tenths * n < sum;
}

}  // namespace kefu::kpi
