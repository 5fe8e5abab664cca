#pragma once
// R-KPI-6 inquiry conversion: which pre-sale buyers each agent served on which day, and which
// paid orders are credited to them.
#include <vector>

#include "kpi/facts.h"
#include "kpi/local_time.h"
#include "kpi/records.h"
#include "kpi/settings.h"

namespace kefu::kpi {

// One inquiry per (agent, buyer, local day) with at least one answered round in a pre-sale
// conversation that started inside the assessment window. Sorted by day, agent, buyer.
std::vector<InquiryRecord> collect_inquiries(const std::vector<RoundRecord>& rounds,
                                             const KpiSettings& settings, const ShopTime& time,
                                             TimePoint as_of);

// Credits each paid order (duplicates by order id ignored, R-ORDER-1) to at most one inquiry:
// the buyer's latest inquiry that started at or before the payment and whose day D satisfies
// paid local day <= D + conversion_final_days. Returns the orders no inquiry claims.
std::vector<OrderPaid> credit_orders(std::vector<InquiryRecord>& inquiries,
                                     const std::vector<OrderPaid>& orders,
                                     const KpiSettings& settings, const ShopTime& time);

}  // namespace kefu::kpi
