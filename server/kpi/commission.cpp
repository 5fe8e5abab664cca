#include "kpi/commission.h"

#include "kpi/ratio.h"

namespace kefu::kpi {

std::vector<CommissionBand> default_commission_bands() {
  return {{900, 35}, {850, 30}, {800, 25}, {750, 20}, {700, 15}};
}

std::int32_t commission_rate_bp(std::int32_t score_tenths,
                                const std::vector<CommissionBand>& bands) {
  const CommissionBand* best = nullptr;
  for (const CommissionBand& b : bands) {
    if (score_tenths >= b.min_score_tenths &&
        (best == nullptr || b.min_score_tenths > best->min_score_tenths)) {
      best = &b;
    }
  }
  return best == nullptr ? 0 : best->rate_bp;
}

std::vector<BlackoutPeriod> default_blackout_periods() {
  return {{"Double 11", 11, 1, 11, 11, std::nullopt}};
}

const BlackoutPeriod* blackout_on(LocalDate d, const std::vector<BlackoutPeriod>& periods) {
  const auto m = static_cast<unsigned>(d.month());
  const auto day = static_cast<unsigned>(d.day());
  const unsigned key = m * 100 + day;  // MMDD, comparable within one year
  for (const BlackoutPeriod& p : periods) {
    if (p.year && *p.year != static_cast<int>(d.year())) continue;
    if (p.start_month * 100 + p.start_day <= key && key <= p.end_month * 100 + p.end_day) {
      return &p;
    }
  }
  return nullptr;
}

Commission compute_commission(std::int32_t score_tenths,
                              const std::vector<InquiryRecord>& inquiries,
                              const std::vector<CommissionBand>& bands,
                              const std::vector<BlackoutPeriod>& blackouts) {
  Commission c;
  c.score_tenths = score_tenths;
  c.rate_bp = commission_rate_bp(score_tenths, bands);
  for (const InquiryRecord& inq : inquiries) {
    for (const CreditedOrder& o : inq.orders) {
      CommissionLine line{o.order_id, o.buyer_id, o.amount_fen, o.paid_at, o.paid_day, ""};
      if (const BlackoutPeriod* p = blackout_on(o.paid_day, blackouts)) {
        line.blackout = p->name;
        c.excluded_fen += o.amount_fen;
      } else {
        c.base_fen += o.amount_fen;
      }
      c.lines.push_back(std::move(line));
    }
  }
  c.commission_fen = divide_rounded(c.base_fen * c.rate_bp, 10'000);
  return c;
}

}  // namespace kefu::kpi
