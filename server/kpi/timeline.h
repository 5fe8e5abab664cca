#pragma once
// Turns a shop's fact log into drill-down records (records.h): rounds, receptions, first
// responses, transfers, ends, ratings, complaints, inquiries with their credited orders.
// Figures for any agent, group or period are then sums over these records (figures.h).
//
// The caller passes every fact of every conversation that touches the period of interest, and
// the paid orders up to `conversion_final_days` after it; `as_of` is "now" for today's live
// figures (open rounds are pending) or any time after the period for closed periods.
#include <vector>

#include "core/clock.h"
#include "kpi/facts.h"
#include "kpi/local_time.h"
#include "kpi/records.h"
#include "kpi/settings.h"

namespace kefu::kpi {

struct Timeline {
  TimePoint as_of;
  std::vector<RoundRecord> rounds;
  std::vector<ReceptionRecord> receptions;
  std::vector<ShopFirstResponseRecord> shop_first_responses;
  std::vector<TransferRecord> transfers;
  std::vector<EndRecord> ends;
  std::vector<RatingRecord> ratings;         // the latest rating of each conversation
  std::vector<ComplaintRecord> complaints;   // the latest record of each complaint id
  std::vector<InquiryRecord> inquiries;      // with their credited orders (conversion.h)
  std::vector<OrderPaid> uncredited_orders;  // paid orders no inquiry can claim
};

Timeline build_timeline(const FactLog& facts, const KpiSettings& settings, const ShopTime& time,
                        TimePoint as_of);

}  // namespace kefu::kpi
