#pragma once
// R-SCORE-6: the figures a supervisor needs for a level review: monthly rank in the department,
// quarterly grade, average-score rank over a review period, and tenure in whole months.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kpi/local_time.h"

namespace kefu::kpi {

struct AgentScore {
  std::string agent_id;
  std::int32_t score_tenths = 0;
};

struct RankedAgent {
  std::string agent_id;
  std::int32_t score_tenths = 0;
  int rank = 0;  // 1 = best; equal scores share a rank and the next rank is skipped (1, 1, 3)
};

// Highest score first; ties ordered by agent id so the output is stable.
std::vector<RankedAgent> rank_agents(std::vector<AgentScore> scores);

// Rank by the average of each agent's monthly scores over a review period ("月均前三名").
// Averages are compared exactly (as fractions); the reported average is rounded down.
struct AgentMonths {
  std::string agent_id;
  std::vector<std::int32_t> monthly_tenths;
};
std::vector<RankedAgent> rank_by_average(const std::vector<AgentMonths>& agents);

enum class Grade { kA, kB, kC, kD };
const char* to_string(Grade g);

// Quarterly grade from the average of the quarter's monthly scores (months without a scorecard
// are left out): A >= 90.0, B >= 80.0, C >= 60.0, D below 60.0 (60 is the failing line of
// R-SCORE-4). The comparison is exact: sum >= threshold x months.
struct GradeBands {
  std::int32_t a_tenths = 900;
  std::int32_t b_tenths = 800;
  std::int32_t c_tenths = 600;
};

struct QuarterGrade {
  std::optional<Grade> grade;  // none when no month of the quarter has a score
  int months = 0;
  std::int32_t average_tenths = 0;  // rounded down, for display
};
QuarterGrade quarterly_grade(const std::vector<std::int32_t>& monthly_tenths,
                             const GradeBands& bands = {});

// Whole months from the hire date to `as_of`: hired 2024-01-15 gives 2 on 2024-04-14 and 3 on
// 2024-04-15. A hire on the 31st completes a month on the last day of shorter months.
int tenure_months(LocalDate hired, LocalDate as_of);

}  // namespace kefu::kpi
