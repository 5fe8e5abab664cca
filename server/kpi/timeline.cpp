#include "kpi/timeline.h"

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <utility>

#include "kpi/conversion.h"

namespace kefu::kpi {
namespace {

std::int64_t ms_between(TimePoint from, TimePoint to) {
  return to < from ? 0 : std::chrono::duration_cast<Millis>(to - from).count();
}

const std::string& conversation_of(const Fact& f) {
  static const std::string none;
  return std::visit(
      [](const auto& x) -> const std::string& {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, OrderPaid>) {
          return none;
        } else {
          return x.conversation_id;
        }
      },
      f);
}

TimePoint time_of(const Fact& f) {
  return std::visit(
      [](const auto& x) -> TimePoint {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, OrderPaid>) {
          return x.paid_at;
        } else {
          return x.at;
        }
      },
      f);
}

// Walks one conversation's facts in time order and emits its records. The rules (DOMAIN.md
// R-KPI-2, R-KPI-3, R-KPI-5, R-MSG-2) are spelled out in the README's "KPI definitions".
class ConversationWalker {
 public:
  ConversationWalker(std::string conversation_id, const KpiSettings& settings, const ShopTime& time,
                     Timeline& out)
      : conversation_id_(std::move(conversation_id)), settings_(settings), time_(time), out_(out) {}

  void walk(const std::vector<const Fact*>& facts) {
    for (const Fact* f : facts) std::visit([this](const auto& x) { on(x); }, *f);
    finish();
  }

 private:
  struct OpenRound {
    RoundRecord record;
    std::optional<std::size_t> reception;  // index in out_.receptions
  };

  Placement place(TimePoint t) const {
    return {time_.local_date(t), time_.in_window(t, settings_.window)};
  }

  void on(const ConversationAssigned& a) {
    if (buyer_id_.empty()) buyer_id_ = a.buyer_id;
    if (!first_assignment_) first_assignment_ = a;
    // Assigning the conversation to the agent already holding it (a re-delivered fact, or a
    // returning buyer within R-ROUTE-12) is not a new reception.
    if (!owner_.empty() && a.agent_id == owner_) return;
    start_reception(a.conversation_id, a.agent_id, a.group_id, a.pre_sale, ReceptionKind::kAssigned,
                    a.at, a.queue_wait_ms);
  }

  void on(const Transferred& t) {
    out_.transfers.push_back({t.conversation_id, buyer_id_, t.from_agent_id, t.to_agent_id,
                              t.to_group_id, t.at, place(t.at)});
    start_reception(t.conversation_id, t.to_agent_id, t.to_group_id, t.pre_sale,
                    ReceptionKind::kTransferredIn, t.at, 0);
  }

  void on(const BuyerMessage& m) {
    if (buyer_id_.empty()) buyer_id_ = m.buyer_id;
    if (!first_buyer_message_at_) first_buyer_message_at_ = m.at;
    if (open_) {
      ++open_->record.buyer_messages;
      return;
    }
    OpenRound r;
    r.record.conversation_id = m.conversation_id;
    r.record.buyer_id = buyer_id_;
    r.record.buyer_started_at = m.at;
    r.record.first_buyer_message_id = m.message_id;
    r.record.buyer_messages = 1;
    open_ = std::move(r);
    hand_open_round_to_owner(m.at);
  }

  void on(const AgentMessage& m) {
    human_messages_.push_back(&m);
    if (open_) close(RoundOutcome::kAnswered, m.at, m.message_id, m.agent_id);
  }

  void on(const AutomaticMessage& m) {
    // R-MSG-2: an auto-reply is not a response; it is noted in the round and nothing else.
    if (open_) open_->record.ignored_automatic_message_ids.push_back(m.message_id);
  }

  void on(const ConversationEnded& e) {
    const std::string& agent = e.agent_id.empty() ? owner_ : e.agent_id;
    out_.ends.push_back({e.conversation_id, agent, e.by, e.at, time_.local_date(e.at)});
    last_end_at_ = e.at;
    if (open_) {
      close(e.by == EndedBy::kBuyer ? RoundOutcome::kLeftByBuyer : RoundOutcome::kUnanswered, e.at,
            "", "");
    }
  }

  // Ratings, complaints and orders are not part of a conversation's walk.
  void on(const Rated&) {}
  void on(const Complaint&) {}
  void on(const OrderPaid&) {}

  void start_reception(const std::string& conversation_id, const std::string& agent,
                       const std::string& group, bool pre_sale, ReceptionKind kind, TimePoint at,
                       std::int64_t queue_wait_ms) {
    ReceptionRecord rec;
    rec.conversation_id = conversation_id;
    rec.buyer_id = buyer_id_;
    rec.agent_id = agent;
    rec.group_id = group;
    rec.pre_sale = pre_sale;
    rec.kind = kind;
    rec.at = at;
    rec.queue_wait_ms = queue_wait_ms;
    rec.placement = place(at);
    out_.receptions.push_back(std::move(rec));
    reception_ = out_.receptions.size() - 1;
    reception_has_round_ = false;
    owner_ = agent;
    pre_sale_ = pre_sale;

    if (!open_) return;
    if (open_->record.agent_id.empty()) {
      // Waiting in the queue: the round becomes this agent's from now (queue time excluded).
      hand_open_round_to_owner(at);
      return;
    }
    // R-KPI-5: a round open at a transfer ends for the previous agent ("transferred", counted
    // neither way) and starts afresh for the new one at the moment the conversation reached them.
    OpenRound carried;
    carried.record.conversation_id = open_->record.conversation_id;
    carried.record.buyer_id = buyer_id_;
    carried.record.buyer_started_at = open_->record.buyer_started_at;
    carried.record.first_buyer_message_id = open_->record.first_buyer_message_id;
    carried.record.buyer_messages = open_->record.buyer_messages;
    close(RoundOutcome::kTransferred, at, "", "");
    open_ = std::move(carried);
    hand_open_round_to_owner(at);
  }

  // Gives the open round to the current owner (if any), starting its clock at `at` or at the
  // buyer's message, whichever is later.
  void hand_open_round_to_owner(TimePoint at) {
    RoundRecord& r = open_->record;
    r.buyer_id = buyer_id_;
    r.agent_id = owner_;
    r.pre_sale = pre_sale_;
    r.started_at = std::max(r.buyer_started_at, at);
    r.placement = place(r.started_at);
    if (owner_.empty()) return;
    open_->reception = reception_;
    r.first_of_reception = !reception_has_round_;
    reception_has_round_ = true;
  }

  void close(RoundOutcome outcome, TimePoint at, const std::string& reply_id,
             const std::string& replied_by) {
    RoundRecord& r = open_->record;
    r.outcome = outcome;
    r.ended_at = at;
    r.wait_ms = ms_between(r.started_at, at);
    r.reply_message_id = reply_id;
    r.replied_by = replied_by;
    emit();
  }

  void emit() {
    RoundRecord& r = open_->record;
    if (r.first_of_reception && open_->reception) {
      ReceptionRecord& rec = out_.receptions[*open_->reception];
      rec.first_response_started_at = r.started_at;
      rec.first_response_ended_at = r.ended_at;
      rec.first_response_outcome = r.outcome;
      rec.first_response_ms = r.wait_ms;
      rec.first_response_placement = r.placement;
    }
    out_.rounds.push_back(std::move(r));
    open_.reset();
  }

  void finish() {
    if (open_) {
      RoundRecord& r = open_->record;
      r.outcome = RoundOutcome::kPending;
      r.wait_ms = ms_between(r.started_at, out_.as_of);
      emit();
    }
    add_shop_first_response();
  }

  void add_shop_first_response() {
    ShopFirstResponseRecord s;
    if (first_assignment_) {
      s.conversation_id = first_assignment_->conversation_id;
      s.agent_id = first_assignment_->agent_id;
      s.started_at = first_assignment_->buyer_first_message_at;
      s.queue_wait_ms = first_assignment_->queue_wait_ms;
    } else if (first_buyer_message_at_) {
      s.conversation_id = conversation_id_;
      s.started_at = *first_buyer_message_at_;
    } else {
      return;  // nobody wrote and nobody was assigned: nothing to measure
    }
    s.buyer_id = buyer_id_;
    s.placement = place(s.started_at);
    auto reply = std::find_if(human_messages_.begin(), human_messages_.end(),
                              [&](const AgentMessage* m) { return m->at >= s.started_at; });
    if (reply != human_messages_.end()) {
      s.outcome = RoundOutcome::kAnswered;
      s.replied_at = (*reply)->at;
      s.replied_by = (*reply)->agent_id;
      s.wait_ms = ms_between(s.started_at, (*reply)->at);
    } else if (last_end_at_) {
      s.outcome = RoundOutcome::kUnanswered;
      s.wait_ms = ms_between(s.started_at, *last_end_at_);
    } else {
      s.outcome = RoundOutcome::kPending;
      s.wait_ms = ms_between(s.started_at, out_.as_of);
    }
    out_.shop_first_responses.push_back(std::move(s));
  }

  std::string conversation_id_;
  const KpiSettings& settings_;
  const ShopTime& time_;
  Timeline& out_;

  std::string buyer_id_;
  std::string owner_;
  bool pre_sale_ = true;
  std::optional<std::size_t> reception_;
  bool reception_has_round_ = false;
  std::optional<OpenRound> open_;
  std::optional<ConversationAssigned> first_assignment_;
  std::optional<TimePoint> first_buyer_message_at_;
  std::optional<TimePoint> last_end_at_;
  std::vector<const AgentMessage*> human_messages_;
};

void collect_ratings_and_complaints(const FactLog& facts, const ShopTime& time, Timeline& out) {
  std::unordered_map<std::string, std::size_t> rating_of_conversation;
  std::unordered_map<std::string, std::size_t> complaint_by_id;
  for (const Fact& f : facts) {
    if (const auto* r = std::get_if<Rated>(&f)) {
      if (r->score < 1 || r->score > 5) continue;  // not a rating
      RatingRecord rec{r->conversation_id, r->buyer_id, r->agent_id,           r->score,
                       r->comment,         r->at,       time.local_date(r->at)};
      auto [it, inserted] =
          rating_of_conversation.try_emplace(r->conversation_id, out.ratings.size());
      if (inserted) {
        out.ratings.push_back(std::move(rec));
      } else if (r->at >= out.ratings[it->second].at) {
        out.ratings[it->second] = std::move(rec);  // the buyer changed their rating
      }
    } else if (const auto* c = std::get_if<Complaint>(&f)) {
      ComplaintRecord rec{
          c->complaint_id, c->conversation_id,    c->buyer_id, c->agent_id, c->valid, c->text,
          c->at,           time.local_date(c->at)};
      auto [it, inserted] = complaint_by_id.try_emplace(c->complaint_id, out.complaints.size());
      if (inserted) {
        out.complaints.push_back(std::move(rec));
      } else {
        out.complaints[it->second] = std::move(rec);  // e.g. a supervisor dismissed it
      }
    }
  }
}

}  // namespace

Timeline build_timeline(const FactLog& facts, const KpiSettings& settings, const ShopTime& time,
                        TimePoint as_of) {
  Timeline out;
  out.as_of = as_of;

  // Conversations in order of first appearance; within one, facts by time then log order.
  std::vector<std::string> order;
  std::unordered_map<std::string, std::vector<std::pair<std::size_t, const Fact*>>> by_conv;
  std::vector<OrderPaid> orders;
  for (std::size_t i = 0; i < facts.size(); ++i) {
    const Fact& f = facts[i];
    if (const auto* o = std::get_if<OrderPaid>(&f)) {
      orders.push_back(*o);
      continue;
    }
    if (std::holds_alternative<Rated>(f) || std::holds_alternative<Complaint>(f)) continue;
    auto [it, inserted] = by_conv.try_emplace(conversation_of(f));
    if (inserted) order.push_back(it->first);
    it->second.emplace_back(i, &f);
  }
  for (const std::string& id : order) {
    auto& list = by_conv[id];
    std::stable_sort(list.begin(), list.end(), [](const auto& a, const auto& b) {
      return time_of(*a.second) < time_of(*b.second);
    });
    std::vector<const Fact*> sorted;
    sorted.reserve(list.size());
    for (const auto& p : list) sorted.push_back(p.second);
    ConversationWalker(id, settings, time, out).walk(sorted);
  }

  collect_ratings_and_complaints(facts, time, out);
  out.inquiries = collect_inquiries(out.rounds, settings, time, as_of);
  out.uncredited_orders = credit_orders(out.inquiries, orders, settings, time);
  return out;
}

}  // namespace kefu::kpi
