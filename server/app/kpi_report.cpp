#include "app/kpi_report.h"

#include <cstdio>

namespace kefu::app {

namespace {

v1::DurationFigure duration_of(const kpi::DurationStats& d) {
  v1::DurationFigure out;
  out.set_count(d.count);
  out.set_average_ms(d.average_ms().value_or(0));
  return out;
}

v1::RatioFigure ratio_of(const kpi::Ratio& r) {
  v1::RatioFigure out;
  out.set_num(r.num);
  out.set_den(r.den);
  return out;
}

const char* outcome_name(kpi::RoundOutcome o) {
  switch (o) {
    case kpi::RoundOutcome::kAnswered:
      return "answered";
    case kpi::RoundOutcome::kUnanswered:
      return "unanswered";
    case kpi::RoundOutcome::kLeftByBuyer:
      return "left_by_buyer";
    case kpi::RoundOutcome::kTransferred:
      return "transferred";
    case kpi::RoundOutcome::kPending:
      return "pending";
  }
  return "";
}

const char* reply_status_name(kpi::ReplyStatus s) {
  switch (s) {
    case kpi::ReplyStatus::kReplied:
      return "replied";
    case kpi::ReplyStatus::kNotReplied:
      return "not_replied";
    case kpi::ReplyStatus::kPending:
      return "pending";
    case kpi::ReplyStatus::kNotCounted:
      return "not_counted";
  }
  return "";
}

const char* ended_by_name(kpi::EndedBy b) {
  switch (b) {
    case kpi::EndedBy::kBuyer:
      return "buyer";
    case kpi::EndedBy::kAgent:
      return "agent";
    case kpi::EndedBy::kIdleTimeout:
      return "idle_timeout";
    case kpi::EndedBy::kSystem:
      return "system";
  }
  return "";
}

const char* part_status_name(kpi::PartStatus s) {
  switch (s) {
    case kpi::PartStatus::kMeasured:
      return "measured";
    case kpi::PartStatus::kEntered:
      return "entered";
    case kpi::PartStatus::kOverridden:
      return "overridden";
    case kpi::PartStatus::kNoData:
      return "no_data";
    case kpi::PartStatus::kMissing:
      return "missing";
  }
  return "";
}

std::int64_t ms_or_zero(const std::optional<TimePoint>& t) { return t ? to_ms(*t) : 0; }

}  // namespace

kpi::ShopTime shop_time(const chat::ShopEntry& shop) {
  const auto zone = shop.rules.schedule.zone;
  return kpi::ShopTime{[zone](TimePoint t) { return zone->utc_offset(t); }};
}

v1::FiguresReport figures_report(const kpi::Figures& f, const std::string& scope, TimePoint as_of) {
  v1::FiguresReport out;
  out.set_scope(scope);
  out.set_from(kpi::to_string(f.range.first));
  out.set_to(kpi::to_string(f.range.last));
  out.set_receptions(f.receptions);
  out.set_transfers_in(f.transfers_in);
  out.set_transfers_out(f.transfers_out);
  out.set_ended_by_agent(f.ended_by_agent);
  *out.mutable_first_response_agent() = duration_of(f.first_response_agent);
  *out.mutable_first_response_shop() = duration_of(f.first_response_shop);
  out.set_first_response_agent_unanswered(f.first_response_agent_unanswered);
  out.set_first_response_shop_unanswered(f.first_response_shop_unanswered);
  *out.mutable_response() = duration_of(f.response);
  out.set_rounds_answered(f.rounds_answered);
  out.set_rounds_unanswered(f.rounds_unanswered);
  out.set_rounds_pending(f.rounds_pending);
  out.set_rounds_left_by_buyer(f.rounds_left_by_buyer);
  out.set_rounds_transferred(f.rounds_transferred);
  *out.mutable_answered_within_fast() = ratio_of(f.answered_within_fast);
  *out.mutable_answered_within_slow() = ratio_of(f.answered_within_slow);
  *out.mutable_reply_rate() = ratio_of(f.reply_rate);
  out.set_buyer_days_pending(f.buyer_days_pending);
  *out.mutable_conversion_next_day() = ratio_of(f.conversion_next_day);
  *out.mutable_conversion_final() = ratio_of(f.conversion_final);
  out.set_credited_sales_fen(f.credited_sales_fen);
  out.set_credited_sales_next_day_fen(f.credited_sales_next_day_fen);
  out.set_average_order_value_fen(f.average_order_value_fen().value_or(0));
  out.set_conversion_settled(f.conversion_settled);
  *out.mutable_satisfaction() = ratio_of(f.satisfaction);
  out.set_dissatisfied_ratings(f.dissatisfied_ratings);
  out.set_complaints(f.complaints);
  out.set_valid_complaints(f.valid_complaints);
  out.set_as_of_ms(to_ms(as_of));
  return out;
}

v1::DrilldownReport drilldown_report(const kpi::Figures& f, const std::string& scope,
                                     TimePoint as_of) {
  const kpi::Drilldown& d = f.drilldown;
  v1::DrilldownReport out;
  out.set_scope(scope);
  out.set_from(kpi::to_string(f.range.first));
  out.set_to(kpi::to_string(f.range.last));
  out.set_as_of_ms(to_ms(as_of));
  for (const auto& r : d.receptions) {
    auto* x = out.add_receptions();
    x->set_conversation_id(r.conversation_id);
    x->set_buyer_id(r.buyer_id);
    x->set_agent_id(r.agent_id);
    x->set_group_id(r.group_id);
    x->set_kind(r.kind == kpi::ReceptionKind::kAssigned ? "assigned" : "transferred_in");
    x->set_at_ms(to_ms(r.at));
    x->set_queue_wait_ms(r.queue_wait_ms);
    if (r.first_response_outcome)
      x->set_first_response_outcome(outcome_name(*r.first_response_outcome));
    x->set_first_response_ms(r.first_response_ms);
    x->set_day(kpi::to_string(r.placement.day));
    x->set_in_window(r.placement.in_window);
  }
  for (const auto& t : d.transfers) {
    auto* x = out.add_transfers();
    x->set_conversation_id(t.conversation_id);
    x->set_buyer_id(t.buyer_id);
    x->set_from_agent_id(t.from_agent_id);
    x->set_to_agent_id(t.to_agent_id);
    x->set_to_group_id(t.to_group_id);
    x->set_at_ms(to_ms(t.at));
    x->set_day(kpi::to_string(t.placement.day));
  }
  for (const auto& r : d.rounds) {
    auto* x = out.add_rounds();
    x->set_conversation_id(r.conversation_id);
    x->set_buyer_id(r.buyer_id);
    x->set_agent_id(r.agent_id);
    x->set_buyer_started_at_ms(to_ms(r.buyer_started_at));
    x->set_started_at_ms(to_ms(r.started_at));
    x->set_ended_at_ms(ms_or_zero(r.ended_at));
    x->set_outcome(outcome_name(r.outcome));
    x->set_wait_ms(r.wait_ms);
    x->set_first_buyer_message_id(r.first_buyer_message_id);
    x->set_buyer_messages(r.buyer_messages);
    x->set_reply_message_id(r.reply_message_id);
    x->set_replied_by(r.replied_by);
    for (const auto& id : r.ignored_automatic_message_ids) x->add_ignored_automatic_message_ids(id);
    x->set_first_of_reception(r.first_of_reception);
    x->set_day(kpi::to_string(r.placement.day));
    x->set_in_window(r.placement.in_window);
  }
  for (const auto& r : d.shop_first_responses) {
    auto* x = out.add_shop_first_responses();
    x->set_conversation_id(r.conversation_id);
    x->set_buyer_id(r.buyer_id);
    x->set_agent_id(r.agent_id);
    x->set_started_at_ms(to_ms(r.started_at));
    x->set_replied_at_ms(ms_or_zero(r.replied_at));
    x->set_replied_by(r.replied_by);
    x->set_outcome(outcome_name(r.outcome));
    x->set_wait_ms(r.wait_ms);
    x->set_queue_wait_ms(r.queue_wait_ms);
    x->set_day(kpi::to_string(r.placement.day));
    x->set_in_window(r.placement.in_window);
  }
  for (const auto& b : d.buyer_days) {
    auto* x = out.add_buyer_days();
    x->set_day(kpi::to_string(b.day));
    x->set_buyer_id(b.buyer_id);
    x->set_status(reply_status_name(b.status));
    x->set_longest_wait_ms(b.longest_wait_ms);
    for (const auto& c : b.conversation_ids) x->add_conversation_ids(c);
  }
  for (const auto& i : d.inquiries) {
    auto* x = out.add_inquiries();
    x->set_agent_id(i.agent_id);
    x->set_buyer_id(i.buyer_id);
    x->set_day(kpi::to_string(i.day));
    x->set_started_at_ms(to_ms(i.started_at));
    x->set_served_at_ms(to_ms(i.served_at));
    for (const auto& c : i.conversation_ids) x->add_conversation_ids(c);
    for (const auto& o : i.orders) {
      auto* y = x->add_orders();
      y->set_order_id(o.order_id);
      y->set_amount_fen(o.amount_fen);
      y->set_paid_at_ms(to_ms(o.paid_at));
      y->set_paid_day(kpi::to_string(o.paid_day));
      y->set_within_next_day(o.within_next_day);
    }
    x->set_settled(i.settled);
  }
  for (const auto& r : d.ratings) {
    auto* x = out.add_ratings();
    x->set_conversation_id(r.conversation_id);
    x->set_buyer_id(r.buyer_id);
    x->set_agent_id(r.agent_id);
    x->set_score(r.score);
    x->set_comment(r.comment);
    x->set_at_ms(to_ms(r.at));
    x->set_day(kpi::to_string(r.day));
  }
  for (const auto& e : d.ends) {
    auto* x = out.add_ends();
    x->set_conversation_id(e.conversation_id);
    x->set_agent_id(e.agent_id);
    x->set_by(ended_by_name(e.by));
    x->set_at_ms(to_ms(e.at));
    x->set_day(kpi::to_string(e.day));
  }
  return out;
}

v1::ScorecardReport scorecard_report(const kpi::Scorecard& s, const std::string& month) {
  v1::ScorecardReport out;
  out.set_agent_id(s.agent_id);
  out.set_template_id(s.template_id);
  out.set_month(month);
  for (const auto& p : s.parts) {
    auto* x = out.add_parts();
    x->set_id(p.part.id);
    x->set_label(p.part.label);
    x->set_max_tenths(p.part.max_tenths);
    x->set_source(p.part.source == kpi::PartSource::kMeasured ? "measured" : "supervisor");
    x->set_status(part_status_name(p.status));
    x->set_points_tenths(p.points_tenths);
    x->set_has_measured_value(p.measured_value.has_value());
    x->set_measured_value(p.measured_value.value_or(0));
    if (p.entry) {
      auto* e = x->mutable_entry();
      e->set_agent_id(s.agent_id);
      e->set_part_id(p.entry->part_id);
      e->set_points_tenths(p.entry->points_tenths);
      e->set_entered_by(p.entry->entered_by);
      e->set_entered_at_ms(to_ms(p.entry->entered_at));
      e->set_note(p.entry->note);
    }
  }
  for (const auto& a : s.adjustments) {
    auto* x = out.add_adjustments();
    x->set_agent_id(s.agent_id);
    x->set_kind(a.kind == kpi::AdjustmentKind::kBonus ? "bonus" : "deduction");
    x->set_reason(a.reason);
    x->set_count(a.count);
    x->set_entered_by(a.entered_by);
    x->set_entered_at_ms(a.entered_by.empty() ? 0 : to_ms(a.entered_at));
  }
  out.set_parts_tenths(s.parts_tenths);
  out.set_adjustments_tenths(s.adjustments_tenths);
  out.set_total_tenths(s.total_tenths);
  out.set_complete(s.complete);
  out.set_commissioned(s.commission.has_value());
  if (s.commission) {
    auto* c = out.mutable_commission();
    c->set_rate_bp(s.commission->rate_bp);
    c->set_base_fen(s.commission->base_fen);
    c->set_excluded_fen(s.commission->excluded_fen);
    c->set_commission_fen(s.commission->commission_fen);
    for (const auto& l : s.commission->lines) {
      auto* x = c->add_lines();
      x->set_order_id(l.order_id);
      x->set_buyer_id(l.buyer_id);
      x->set_amount_fen(l.amount_fen);
      x->set_paid_at_ms(to_ms(l.paid_at));
      x->set_paid_day(kpi::to_string(l.paid_day));
      x->set_blackout(l.blackout);
    }
  }
  out.set_commission_settled(s.commission_settled);
  out.set_under_60(s.flags.under_60);
  out.set_failed_two_months_in_a_row(s.flags.failed_two_months_in_a_row);
  out.set_below_team_average(s.flags.below_team_average);
  return out;
}

namespace {

std::string percent(const v1::RatioFigure& r) {
  if (r.den() == 0) return "";
  char text[32];
  std::snprintf(text, sizeof text, "%.2f",
                100.0 * static_cast<double>(r.num()) / static_cast<double>(r.den()));
  return text;
}

std::string seconds(const v1::DurationFigure& d) {
  if (d.count() == 0) return "";
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", static_cast<double>(d.average_ms()) / 1000.0);
  return text;
}

std::string yuan(std::int64_t fen) {
  char text[32];
  std::snprintf(text, sizeof text, "%s%lld.%02lld", fen < 0 ? "-" : "",
                static_cast<long long>((fen < 0 ? -fen : fen) / 100),
                static_cast<long long>((fen < 0 ? -fen : fen) % 100));
  return text;
}

std::string points(std::int32_t tenths) {
  char text[32];
  std::snprintf(text, sizeof text, "%s%d.%d", tenths < 0 ? "-" : "",
                (tenths < 0 ? -tenths : tenths) / 10, (tenths < 0 ? -tenths : tenths) % 10);
  return text;
}

// RFC 4180: quoted when it holds a comma, a quote or a line break.
std::string cell(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string{"\"\""} : std::string(1, c);
  return out + "\"";
}

void row(std::string& out, const std::vector<std::string>& cells) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) out += ',';
    out += cell(cells[i]);
  }
  out += "\r\n";
}

}  // namespace

std::string figures_csv(const std::vector<v1::FiguresReport>& reports) {
  std::string out;
  row(out, {"scope",
            "from",
            "to",
            "receptions",
            "transfers_in",
            "transfers_out",
            "first_response_agent_s",
            "first_response_shop_s",
            "response_s",
            "rounds_answered",
            "rounds_unanswered",
            "within_30s_pct",
            "within_3min_pct",
            "reply_rate_pct",
            "conversion_next_day_pct",
            "conversion_final_pct",
            "credited_sales_yuan",
            "average_order_value_yuan",
            "satisfaction_pct",
            "ratings",
            "complaints"});
  for (const auto& r : reports)
    row(out, {r.scope(),
              r.from(),
              r.to(),
              std::to_string(r.receptions()),
              std::to_string(r.transfers_in()),
              std::to_string(r.transfers_out()),
              seconds(r.first_response_agent()),
              seconds(r.first_response_shop()),
              seconds(r.response()),
              std::to_string(r.rounds_answered()),
              std::to_string(r.rounds_unanswered()),
              percent(r.answered_within_fast()),
              percent(r.answered_within_slow()),
              percent(r.reply_rate()),
              percent(r.conversion_next_day()),
              percent(r.conversion_final()),
              yuan(r.credited_sales_fen()),
              yuan(r.average_order_value_fen()),
              percent(r.satisfaction()),
              std::to_string(r.satisfaction().den()),
              std::to_string(r.complaints())});
  return out;
}

std::string scorecards_csv(const v1::ScorecardList& list) {
  std::string out;
  row(out, {"month", "agent", "scorecard", "parts", "adjustments", "total", "complete", "rank",
            "commission_rate_pct", "commission_base_yuan", "excluded_blackout_yuan",
            "commission_yuan", "under_60", "failed_two_months", "below_team_average"});
  for (const auto& s : list.scorecards()) {
    const auto& c = s.commission();
    char rate[16];
    std::snprintf(rate, sizeof rate, "%d.%02d", c.rate_bp() / 100, c.rate_bp() % 100);
    row(out,
        {s.month(), s.agent_id(), s.template_id(), points(s.parts_tenths()),
         points(s.adjustments_tenths()), points(s.total_tenths()), s.complete() ? "yes" : "no",
         std::to_string(s.monthly_rank()), s.commissioned() ? rate : "",
         s.commissioned() ? yuan(c.base_fen()) : "", s.commissioned() ? yuan(c.excluded_fen()) : "",
         s.commissioned() ? yuan(c.commission_fen()) : "", s.under_60() ? "yes" : "no",
         s.failed_two_months_in_a_row() ? "yes" : "no", s.below_team_average() ? "yes" : "no"});
  }
  return out;
}

}  // namespace kefu::app
