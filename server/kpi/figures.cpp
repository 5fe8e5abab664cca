#include "kpi/figures.h"

#include <algorithm>
#include <map>
#include <tuple>
#include <utility>

namespace kefu::kpi {

Scope Scope::shop() { return Scope{"shop", true, {}}; }

Scope Scope::agent(std::string agent_id) {
  std::string name = agent_id;
  return Scope{std::move(name), false, {std::move(agent_id)}};
}

Scope Scope::agents(std::string name, std::vector<std::string> agent_ids) {
  return Scope{std::move(name), false, std::move(agent_ids)};
}

bool Scope::includes(const std::string& agent_id) const {
  if (whole_shop) return true;
  return !agent_id.empty() &&
         std::find(agent_ids.begin(), agent_ids.end(), agent_id) != agent_ids.end();
}

std::optional<std::int64_t> Figures::average_order_value_fen() const {
  if (conversion_final.num == 0) return std::nullopt;
  return divide_rounded(credited_sales_fen, conversion_final.num);
}

namespace {

bool counted(const Placement& p, const DateRange& range) {
  return p.in_window && range.contains(p.day);
}

void add_rounds(const Timeline& t, const KpiSettings& s, const Scope& scope, const DateRange& range,
                Figures& f) {
  const std::int64_t fast = s.fast_reply.count();
  const std::int64_t slow = s.slow_reply.count();
  for (const RoundRecord& r : t.rounds) {
    if (!scope.includes(r.agent_id) || !counted(r.placement, range)) continue;
    switch (r.outcome) {
      case RoundOutcome::kAnswered:
        ++f.rounds_answered;
        f.response.add(r.wait_ms);
        if (r.wait_ms <= fast) ++f.answered_within_fast.num;
        if (r.wait_ms <= slow) ++f.answered_within_slow.num;
        break;
      case RoundOutcome::kUnanswered:
        ++f.rounds_unanswered;
        break;
      case RoundOutcome::kLeftByBuyer:
        ++f.rounds_left_by_buyer;
        break;
      case RoundOutcome::kTransferred:
        ++f.rounds_transferred;
        break;
      case RoundOutcome::kPending:
        ++f.rounds_pending;
        break;
    }
    f.drilldown.rounds.push_back(r);
  }
  f.answered_within_fast.den = f.rounds_answered + f.rounds_unanswered;
  f.answered_within_slow.den = f.rounds_answered + f.rounds_unanswered;
}

// R-KPI-4, from the rounds already selected for the scope and range.
void add_reply_rate(const KpiSettings& s, Figures& f) {
  const std::int64_t limit = s.reply_rate_max_wait.count();
  std::map<std::pair<int, std::string>, std::vector<const RoundRecord*>> by_buyer_day;
  for (const RoundRecord& r : f.drilldown.rounds) {
    const int day =
        static_cast<int>(std::chrono::sys_days{r.placement.day}.time_since_epoch().count());
    by_buyer_day[{day, r.buyer_id}].push_back(&r);
  }
  for (const auto& [key, rounds] : by_buyer_day) {
    BuyerDayRecord b;
    b.day = rounds.front()->placement.day;
    b.buyer_id = key.second;
    bool late = false, answered = false, pending = false, unanswered = false;
    for (const RoundRecord* r : rounds) {
      b.longest_wait_ms = std::max(b.longest_wait_ms, r->wait_ms);
      late = late || r->wait_ms > limit;
      answered = answered || r->outcome == RoundOutcome::kAnswered;
      pending = pending || r->outcome == RoundOutcome::kPending;
      unanswered = unanswered || r->outcome == RoundOutcome::kUnanswered;
      if (std::find(b.conversation_ids.begin(), b.conversation_ids.end(), r->conversation_id) ==
          b.conversation_ids.end()) {
        b.conversation_ids.push_back(r->conversation_id);
      }
    }
    if (late) {
      b.status = ReplyStatus::kNotReplied;
    } else if (answered) {
      b.status = ReplyStatus::kReplied;
    } else if (pending) {
      b.status = ReplyStatus::kPending;
    } else if (unanswered) {
      b.status = ReplyStatus::kNotReplied;
    } else {
      b.status = ReplyStatus::kNotCounted;
    }
    switch (b.status) {
      case ReplyStatus::kReplied:
        ++f.reply_rate.num;
        ++f.reply_rate.den;
        break;
      case ReplyStatus::kNotReplied:
        ++f.reply_rate.den;
        break;
      case ReplyStatus::kPending:
        ++f.buyer_days_pending;
        break;
      case ReplyStatus::kNotCounted:
        break;
    }
    f.drilldown.buyer_days.push_back(std::move(b));
  }
}

void add_receptions_and_first_responses(const Timeline& t, const Scope& scope,
                                        const DateRange& range, Figures& f) {
  for (const ReceptionRecord& r : t.receptions) {
    if (!scope.includes(r.agent_id)) continue;
    const bool reception_counted = counted(r.placement, range);
    const bool response_counted =
        r.first_response_placement && counted(*r.first_response_placement, range);
    if (reception_counted && r.kind == ReceptionKind::kAssigned) ++f.receptions;
    if (response_counted) {
      if (r.first_response_outcome == RoundOutcome::kAnswered) {
        f.first_response_agent.add(r.first_response_ms);
      } else if (r.first_response_outcome == RoundOutcome::kUnanswered) {
        ++f.first_response_agent_unanswered;
      }
    }
    if (reception_counted || response_counted) f.drilldown.receptions.push_back(r);
  }
  for (const TransferRecord& tr : t.transfers) {
    if (!counted(tr.placement, range)) continue;
    const bool out = scope.includes(tr.from_agent_id);
    const bool in = scope.includes(tr.to_agent_id);
    if (out) ++f.transfers_out;
    if (in) ++f.transfers_in;
    if (out || in) f.drilldown.transfers.push_back(tr);
  }
  for (const ShopFirstResponseRecord& s : t.shop_first_responses) {
    if (!scope.includes(s.agent_id) || !counted(s.placement, range)) continue;
    if (s.outcome == RoundOutcome::kAnswered) {
      f.first_response_shop.add(s.wait_ms);
    } else if (s.outcome == RoundOutcome::kUnanswered) {
      ++f.first_response_shop_unanswered;
    }
    f.drilldown.shop_first_responses.push_back(s);
  }
}

void add_conversion(const Timeline& t, const Scope& scope, const DateRange& range, Figures& f) {
  for (const InquiryRecord& inq : t.inquiries) {
    if (!scope.includes(inq.agent_id) || !range.contains(inq.day)) continue;
    ++f.conversion_next_day.den;
    ++f.conversion_final.den;
    bool next_day = false;
    for (const CreditedOrder& o : inq.orders) {
      f.credited_sales_fen += o.amount_fen;
      if (o.within_next_day) {
        f.credited_sales_next_day_fen += o.amount_fen;
        next_day = true;
      }
    }
    if (!inq.orders.empty()) ++f.conversion_final.num;
    if (next_day) ++f.conversion_next_day.num;
    f.conversion_settled = f.conversion_settled && inq.settled;
    f.drilldown.inquiries.push_back(inq);
  }
}

void add_ratings_complaints_ends(const Timeline& t, const Scope& scope, const DateRange& range,
                                 Figures& f) {
  for (const RatingRecord& r : t.ratings) {
    if (!scope.includes(r.agent_id) || !range.contains(r.day)) continue;
    ++f.satisfaction.den;
    if (r.score >= 4) ++f.satisfaction.num;
    if (r.score <= 2) ++f.dissatisfied_ratings;
    f.drilldown.ratings.push_back(r);
  }
  for (const ComplaintRecord& c : t.complaints) {
    if (!scope.includes(c.agent_id) || !range.contains(c.day)) continue;
    ++f.complaints;
    if (c.valid) ++f.valid_complaints;
    f.drilldown.complaints.push_back(c);
  }
  for (const EndRecord& e : t.ends) {
    if (!scope.includes(e.agent_id) || !range.contains(e.day)) continue;
    if (e.by == EndedBy::kAgent) ++f.ended_by_agent;
    f.drilldown.ends.push_back(e);
  }
}

}  // namespace

Figures summarize(const Timeline& t, const KpiSettings& settings, const Scope& scope,
                  const DateRange& range) {
  Figures f;
  f.scope = scope;
  f.range = range;
  add_receptions_and_first_responses(t, scope, range, f);
  add_rounds(t, settings, scope, range, f);
  add_reply_rate(settings, f);
  add_conversion(t, scope, range, f);
  add_ratings_complaints_ends(t, scope, range, f);
  return f;
}

std::vector<Figures> summarize_by(const Timeline& t, const KpiSettings& settings,
                                  const Scope& scope, const DateRange& range, Granularity g) {
  std::vector<Figures> out;
  for (const DateRange& bucket : split(range, g))
    out.push_back(summarize(t, settings, scope, bucket));
  return out;
}

}  // namespace kefu::kpi
