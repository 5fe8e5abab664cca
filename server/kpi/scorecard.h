#pragma once
// R-SCORE-3 … R-SCORE-5: the monthly composite score (100 points) made of measured parts (from
// the KPI figures) and supervisor-entered parts, plus bonus (+5) and deduction (−2) items, with
// the commission for pre-sale scorecards. Scores are integers in tenths of a point: 85.0 is 850.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "kpi/commission.h"
#include "kpi/figures.h"

namespace kefu::kpi {

enum class PartSource { kMeasured, kSupervisor };

// What a measured part reads from the month's figures. Rates are read in ppm, times in ms.
enum class Metric {
  kNone,                  // supervisor parts
  kSatisfactionRate,      // R-KPI-7
  kReplyRate,             // R-KPI-4
  kConversionFinal,       // R-KPI-6 (pre-sale only, R-SCORE-5)
  kWithinFastShare,       // R-KPI-3 share within 30 s
  kWithinSlowShare,       // R-KPI-3 share within 3 min
  kAverageResponseMs,     // R-KPI-3, lower is better
  kFirstResponseAgentMs,  // R-KPI-2 agent view, lower is better
};

// A part of the scorecard. A measured part scores linearly: 0 points at `zero_at`, full points
// at `full_at` (either order: for times, full_at < zero_at), clamped, rounded down to a tenth.
struct ScorePart {
  std::string id;
  std::string label;
  std::int32_t max_tenths = 0;
  PartSource source = PartSource::kSupervisor;
  Metric metric = Metric::kNone;
  std::int64_t zero_at = 0;
  std::int64_t full_at = 0;
};

struct ScoreTemplate {
  std::string id;
  std::vector<ScorePart> parts;        // max_tenths should add up to 1000
  std::int32_t bonus_tenths = 50;      // +5 per bonus item
  std::int32_t deduction_tenths = 20;  // −2 per minor violation
  bool commission = true;              // R-SCORE-5: false for after-sale
  // Automatic "zero valid complaints" bonus (R-SCORE-3) when the agent had receptions.
  bool bonus_for_zero_valid_complaints = true;
};

ScoreTemplate default_presale_template();
ScoreTemplate default_aftersale_template();

// Problems that make a template unusable: part weights not adding up to 100 points, duplicate
// part ids, a measured part without a metric or with zero_at == full_at, and for a template
// without commission (after-sale) any conversion part (R-SCORE-5).
std::vector<std::string> validate(const ScoreTemplate& t);

// Points a supervisor gives for a part (or to override a measured part that had no data).
struct SupervisorEntry {
  std::string part_id;
  std::int32_t points_tenths = 0;
  std::string entered_by;
  TimePoint entered_at;
  std::string note;
};

enum class AdjustmentKind { kBonus, kDeduction };
struct ScoreAdjustment {
  AdjustmentKind kind = AdjustmentKind::kBonus;
  std::string reason;
  std::int32_t count = 1;
  std::string entered_by;  // empty for automatic items
  TimePoint entered_at;
};

enum class PartStatus {
  kMeasured,    // computed from the figures
  kEntered,     // a supervisor's entry (with who and when)
  kOverridden,  // a measured part replaced by a supervisor's entry
  kNoData,      // measured, but the figure is undefined this month: 0 points until entered
  kMissing,     // a supervisor part nobody has entered yet: 0 points
};

struct PartResult {
  ScorePart part;
  PartStatus status = PartStatus::kMissing;
  std::int32_t points_tenths = 0;
  std::optional<std::int64_t> measured_value;  // ppm or ms, as the metric says
  std::optional<SupervisorEntry> entry;
};

struct ScoreFlags {
  bool under_60 = false;                    // R-SCORE-4
  bool failed_two_months_in_a_row = false;  // R-SCORE-4, with the previous month's score
  bool below_team_average = false;          // set by apply_team_flags (R-KPI-8, R-SCORE-4)
};

struct Scorecard {
  std::string agent_id;
  std::string template_id;
  DateRange month;
  std::vector<PartResult> parts;
  std::vector<ScoreAdjustment> adjustments;  // including automatic ones
  std::int32_t parts_tenths = 0;
  std::int32_t adjustments_tenths = 0;
  std::int32_t total_tenths = 0;         // parts + adjustments, not clamped
  bool complete = false;                 // every part has a value (no kNoData, no kMissing)
  std::optional<Commission> commission;  // only when the template has commission
  bool commission_settled = true;        // conversion attribution windows all closed
  ScoreFlags flags;
};

struct ScorecardInput {
  std::string agent_id;
  const Figures* figures = nullptr;  // the agent's figures for the month
  std::vector<SupervisorEntry> entries;
  std::vector<ScoreAdjustment> adjustments;
  std::optional<std::int32_t> previous_month_tenths;
  std::vector<CommissionBand> bands = default_commission_bands();
  std::vector<BlackoutPeriod> blackouts = default_blackout_periods();
};

inline constexpr std::int32_t kFailingScoreTenths = 600;  // R-SCORE-4: under 60

Scorecard compute_scorecard(const ScoreTemplate& t, const ScorecardInput& in);

// Sets below_team_average on each scorecard whose total is strictly below the team's mean.
void apply_team_flags(std::vector<Scorecard>& team);

// The value a metric reads from figures, or nullopt when the figure is undefined.
std::optional<std::int64_t> metric_value(Metric m, const Figures& f);

}  // namespace kefu::kpi
