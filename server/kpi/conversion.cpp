#include "kpi/conversion.h"

#include <algorithm>
#include <map>
#include <tuple>
#include <unordered_set>

namespace kefu::kpi {

std::vector<InquiryRecord> collect_inquiries(const std::vector<RoundRecord>& rounds,
                                             const KpiSettings& settings, const ShopTime& time,
                                             TimePoint as_of) {
  using Key = std::tuple<int, std::string, std::string>;  // day, agent, buyer
  std::map<Key, InquiryRecord> by_key;
  std::map<Key, bool> served;
  const LocalDate today = time.local_date(as_of);
  for (const RoundRecord& r : rounds) {
    if (r.agent_id.empty() || !r.pre_sale || !r.placement.in_window) continue;
    const Key key{
        static_cast<int>(std::chrono::sys_days{r.placement.day}.time_since_epoch().count()),
        r.agent_id, r.buyer_id};
    auto [it, inserted] = by_key.try_emplace(key);
    InquiryRecord& inq = it->second;
    if (inserted) {
      inq.agent_id = r.agent_id;
      inq.buyer_id = r.buyer_id;
      inq.day = r.placement.day;
      inq.started_at = r.started_at;
      inq.settled = today > add_days(inq.day, settings.conversion_final_days);
    }
    inq.started_at = std::min(inq.started_at, r.started_at);
    if (std::find(inq.conversation_ids.begin(), inq.conversation_ids.end(), r.conversation_id) ==
        inq.conversation_ids.end()) {
      inq.conversation_ids.push_back(r.conversation_id);
    }
    if (r.outcome == RoundOutcome::kAnswered) {
      bool& was_served = served[key];
      if (!was_served || *r.ended_at < inq.served_at) inq.served_at = *r.ended_at;
      was_served = true;
    }
  }
  std::vector<InquiryRecord> out;
  for (auto& [key, inq] : by_key) {
    if (served[key]) out.push_back(std::move(inq));  // served = got at least one human reply
  }
  return out;
}

std::vector<OrderPaid> credit_orders(std::vector<InquiryRecord>& inquiries,
                                     const std::vector<OrderPaid>& orders,
                                     const KpiSettings& settings, const ShopTime& time) {
  std::vector<OrderPaid> uncredited;
  std::unordered_set<std::string> seen;
  for (const OrderPaid& o : orders) {
    if (!seen.insert(o.order_id).second) continue;  // the same event twice changes nothing
    const LocalDate paid_day = time.local_date(o.paid_at);
    InquiryRecord* best = nullptr;
    for (InquiryRecord& inq : inquiries) {
      if (inq.buyer_id != o.buyer_id || inq.started_at > o.paid_at) continue;
      if (days_between(inq.day, paid_day) > settings.conversion_final_days) continue;
      // Last touch: the latest inquiry wins; equal start times go to the smaller agent id.
      if (best == nullptr || inq.started_at > best->started_at ||
          (inq.started_at == best->started_at && inq.agent_id < best->agent_id)) {
        best = &inq;
      }
    }
    if (best == nullptr) {
      uncredited.push_back(o);
      continue;
    }
    best->orders.push_back(
        {o.order_id, o.buyer_id, o.amount_fen, o.paid_at, paid_day,
         days_between(best->day, paid_day) <= settings.conversion_next_day_days});
  }
  return uncredited;
}

}  // namespace kefu::kpi
