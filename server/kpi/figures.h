#pragma once
// KPI figures (DOMAIN.md §6) for one scope (an agent, a group, the shop) and one range of local
// days, each with its drill-down. Exact definitions: README.md, "KPI definitions".
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kpi/local_time.h"
#include "kpi/ratio.h"
#include "kpi/records.h"
#include "kpi/timeline.h"

namespace kefu::kpi {

// Whose figures: one agent, a set of agents (a group), or the whole shop. Only the shop scope
// includes rounds that never reached any agent (a buyer who gave up in the queue).
struct Scope {
  std::string name;
  bool whole_shop = false;
  std::vector<std::string> agent_ids;

  static Scope shop();
  static Scope agent(std::string agent_id);
  static Scope agents(std::string name, std::vector<std::string> agent_ids);
  bool includes(const std::string& agent_id) const;
};

// R-KPI-4: one buyer on one local day, within a scope.
enum class ReplyStatus {
  kReplied,     // at least one human reply, and no message waited longer than the limit
  kNotReplied,  // a message waited longer than the limit, or none was answered
  kPending,     // still open and not yet past the limit: not counted yet
  kNotCounted,  // only rounds the buyer left or that were transferred, within the limit
};

struct BuyerDayRecord {
  LocalDate day;
  std::string buyer_id;
  ReplyStatus status = ReplyStatus::kPending;
  std::int64_t longest_wait_ms = 0;
  std::vector<std::string> conversation_ids;
};

struct Drilldown {
  std::vector<ReceptionRecord> receptions;  // assignments and transfers in
  std::vector<TransferRecord> transfers;    // in or out of the scope
  std::vector<RoundRecord> rounds;
  std::vector<ShopFirstResponseRecord> shop_first_responses;
  std::vector<BuyerDayRecord> buyer_days;
  std::vector<InquiryRecord> inquiries;
  std::vector<RatingRecord> ratings;
  std::vector<ComplaintRecord> complaints;
  std::vector<EndRecord> ends;
};

struct Figures {
  Scope scope;
  DateRange range;

  // R-KPI-5
  std::int64_t receptions = 0;  // conversations assigned to the scope (transfers not included)
  std::int64_t transfers_in = 0;
  std::int64_t transfers_out = 0;
  std::int64_t ended_by_agent = 0;  // R-ROUTE-11

  // R-KPI-2
  DurationStats first_response_agent;                // reached the agent -> their first human reply
  std::int64_t first_response_agent_unanswered = 0;  // first round ended with no reply
  DurationStats first_response_shop;                 // buyer's first message -> first human reply
  std::int64_t first_response_shop_unanswered = 0;

  // R-KPI-3
  DurationStats response;  // over answered rounds
  std::int64_t rounds_answered = 0;
  std::int64_t rounds_unanswered = 0;
  std::int64_t rounds_left_by_buyer = 0;
  std::int64_t rounds_transferred = 0;
  std::int64_t rounds_pending = 0;
  Ratio answered_within_fast;  // of answered + unanswered rounds (default 30 s)
  Ratio answered_within_slow;  // (default 3 min)

  // R-KPI-4: buyer-days replied / buyer-days counted
  Ratio reply_rate;
  std::int64_t buyer_days_pending = 0;

  // R-KPI-6
  Ratio conversion_next_day;  // inquiries with an order paid by the end of D+1 / inquiries
  Ratio conversion_final;     // inquiries with an order paid by the end of D+3 / inquiries
  std::int64_t credited_sales_fen = 0;           // orders of the final figure
  std::int64_t credited_sales_next_day_fen = 0;  // orders of the next-day figure
  bool conversion_settled = true;                // every inquiry is past its final attribution day
  std::optional<std::int64_t> average_order_value_fen() const;  // sales / paying inquiries

  // R-KPI-7
  Ratio satisfaction;                     // ratings of 4 or 5 / ratings
  std::int64_t dissatisfied_ratings = 0;  // 1 or 2
  std::int64_t complaints = 0;
  std::int64_t valid_complaints = 0;

  Drilldown drilldown;
};

Figures summarize(const Timeline& t, const KpiSettings& settings, const Scope& scope,
                  const DateRange& range);

// Figures of `scope` for each calendar day / month / quarter / year inside `range`.
std::vector<Figures> summarize_by(const Timeline& t, const KpiSettings& settings,
                                  const Scope& scope, const DateRange& range, Granularity g);

}  // namespace kefu::kpi
