#pragma once
// R-SCORE-1 commission by monthly score, on credited sales (R-KPI-6) outside blackout periods
// (R-SCORE-2). All integer: scores in tenths of a point, rates in basis points, money in fen.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kpi/local_time.h"
#include "kpi/records.h"

namespace kefu::kpi {

struct CommissionBand {
  std::int32_t min_score_tenths = 0;  // the band applies from this score up (>=)
  std::int32_t rate_bp = 0;           // 0.35% = 35 basis points
};

// >= 90: 0.35%, >= 85: 0.30%, >= 80: 0.25%, >= 75: 0.20%, >= 70: 0.15%, below 70: none.
std::vector<CommissionBand> default_commission_bands();

// The rate of the highest band whose minimum the score reaches; 0 when none.
std::int32_t commission_rate_bp(std::int32_t score_tenths,
                                const std::vector<CommissionBand>& bands);

// A period of local days, both ends included, every year (or only in `year` when set). The
// period may not wrap past 31 December.
struct BlackoutPeriod {
  std::string name;
  unsigned start_month = 1, start_day = 1;
  unsigned end_month = 1, end_day = 1;
  std::optional<int> year;
};

// Double 11: 1 November 00:00:00 to 11 November 23:59:59.999 local time, every year.
std::vector<BlackoutPeriod> default_blackout_periods();

// The first period containing local day `d`, or nullptr.
const BlackoutPeriod* blackout_on(LocalDate d, const std::vector<BlackoutPeriod>& periods);

struct CommissionLine {
  std::string order_id;
  std::string buyer_id;
  std::int64_t amount_fen = 0;
  TimePoint paid_at;
  LocalDate paid_day;
  std::string blackout;  // the period that excludes it; empty when it counts
};

struct Commission {
  std::int32_t score_tenths = 0;
  std::int32_t rate_bp = 0;
  std::int64_t base_fen = 0;        // credited sales that count
  std::int64_t excluded_fen = 0;    // credited sales paid on a blackout day
  std::int64_t commission_fen = 0;  // base x rate, rounded half up to the fen
  std::vector<CommissionLine> lines;
};

// The orders credited to the inquiries (the final figure of R-KPI-6), each checked against the
// blackout periods by the local day it was paid.
Commission compute_commission(std::int32_t score_tenths,
                              const std::vector<InquiryRecord>& inquiries,
                              const std::vector<CommissionBand>& bands,
                              const std::vector<BlackoutPeriod>& blackouts);

}  // namespace kefu::kpi
