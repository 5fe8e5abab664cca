#include "kpi/levels.h"

#include <algorithm>

namespace kefu::kpi {

namespace {

// Assigns competition ranks to an already sorted list; `same(a, b)` says two entries tie.
template <typename Same>
void assign_ranks(std::vector<RankedAgent>& ranked, Same same) {
  for (std::size_t i = 0; i < ranked.size(); ++i) {
    ranked[i].rank = (i > 0 && same(i - 1, i)) ? ranked[i - 1].rank : static_cast<int>(i) + 1;
  }
}

}  // namespace

std::vector<RankedAgent> rank_agents(std::vector<AgentScore> scores) {
  std::sort(scores.begin(), scores.end(), [](const AgentScore& a, const AgentScore& b) {
    if (a.score_tenths != b.score_tenths) return a.score_tenths > b.score_tenths;
    return a.agent_id < b.agent_id;
  });
  std::vector<RankedAgent> ranked;
  for (const AgentScore& s : scores) ranked.push_back({s.agent_id, s.score_tenths, 0});
  assign_ranks(ranked, [&](std::size_t a, std::size_t b) {
    return ranked[a].score_tenths == ranked[b].score_tenths;
  });
  return ranked;
}

std::vector<RankedAgent> rank_by_average(const std::vector<AgentMonths>& agents) {
  struct Avg {
    std::string id;
    std::int64_t sum = 0;
    std::int64_t n = 0;
  };
  std::vector<Avg> avgs;
  for (const AgentMonths& a : agents) {
    Avg v{a.agent_id, 0, static_cast<std::int64_t>(a.monthly_tenths.size())};
    for (std::int32_t s : a.monthly_tenths) v.sum += s;
    if (v.n > 0) avgs.push_back(v);  // an agent with no months is not ranked
  }
  // a.sum / a.n > b.sum / b.n  <=>  a.sum * b.n > b.sum * a.n (counts are positive)
  auto cmp = [](const Avg& a, const Avg& b) { return a.sum * b.n - b.sum * a.n; };
  std::sort(avgs.begin(), avgs.end(), [&](const Avg& a, const Avg& b) {
    const std::int64_t c = cmp(a, b);
    return c != 0 ? c > 0 : a.id < b.id;
  });
  std::vector<RankedAgent> ranked;
  for (const Avg& a : avgs) {
    ranked.push_back({a.id, static_cast<std::int32_t>(a.sum / a.n), 0});
  }
  assign_ranks(ranked, [&](std::size_t a, std::size_t b) { return cmp(avgs[a], avgs[b]) == 0; });
  return ranked;
}

const char* to_string(Grade g) {
  switch (g) {
    case Grade::kA:
      return "A";
    case Grade::kB:
      return "B";
    case Grade::kC:
      return "C";
    case Grade::kD:
      return "D";
  }
  return "?";
}

QuarterGrade quarterly_grade(const std::vector<std::int32_t>& monthly_tenths,
                             const GradeBands& bands) {
  QuarterGrade q;
  q.months = static_cast<int>(monthly_tenths.size());
  if (q.months == 0) return q;
  std::int64_t sum = 0;
  for (std::int32_t s : monthly_tenths) sum += s;
  q.average_tenths = static_cast<std::int32_t>(sum / q.months);
  const std::int64_t n = q.months;
  if (sum >= std::int64_t{bands.a_tenths} * n) {
    q.grade = Grade::kA;
  } else if (sum >= std::int64_t{bands.b_tenths} * n) {
    q.grade = Grade::kB;
  } else if (sum >= std::int64_t{bands.c_tenths} * n) {
    q.grade = Grade::kC;
  } else {
    q.grade = Grade::kD;
  }
  return q;
}

int tenure_months(LocalDate hired, LocalDate as_of) {
  using namespace std::chrono;
  if (as_of < hired) return 0;
  int months = (static_cast<int>(as_of.year()) - static_cast<int>(hired.year())) * 12 +
               (static_cast<int>(static_cast<unsigned>(as_of.month())) -
                static_cast<int>(static_cast<unsigned>(hired.month())));
  // The anniversary day in as_of's month, capped at that month's last day.
  const year_month_day_last last{as_of.year() / as_of.month() / std::chrono::last};
  const unsigned anniversary =
      std::min(static_cast<unsigned>(hired.day()), static_cast<unsigned>(last.day()));
  if (static_cast<unsigned>(as_of.day()) < anniversary) --months;
  return std::max(months, 0);
}

}  // namespace kefu::kpi
