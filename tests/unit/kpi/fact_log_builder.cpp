#include "fact_log_builder.h"

namespace kefu::kpi::test {

TimePoint local(int y, unsigned mo, unsigned d, int h, int mi, int s) {
  using namespace std::chrono;
  const sys_days day{year{y} / month{mo} / d};
  return TimePoint{day} + hours{h} + minutes{mi} + seconds{s} - hours{8};
}

LocalDate date(int y, unsigned mo, unsigned d) {
  return LocalDate{std::chrono::year{y} / std::chrono::month{mo} / d};
}

ShopTime shanghai() { return ShopTime::fixed(std::chrono::hours{8}); }

FactLogBuilder& FactLogBuilder::assign(const std::string& conv, const std::string& buyer,
                                       const std::string& agent, TimePoint at, TimePoint first,
                                       bool pre_sale) {
  const auto wait = std::chrono::duration_cast<Millis>(at - first).count();
  facts_.push_back(ConversationAssigned{conv, buyer, agent, pre_sale ? "presale" : "aftersale",
                                        pre_sale, at, first, wait});
  return *this;
}

FactLogBuilder& FactLogBuilder::buyer(const std::string& conv, const std::string& buyer,
                                      TimePoint at) {
  facts_.push_back(BuyerMessage{conv, buyer, next_message_id(), at});
  return *this;
}

FactLogBuilder& FactLogBuilder::agent(const std::string& conv, const std::string& agent,
                                      TimePoint at) {
  facts_.push_back(AgentMessage{conv, agent, next_message_id(), at});
  return *this;
}

FactLogBuilder& FactLogBuilder::automatic(const std::string& conv, TimePoint at,
                                          AutomaticKind kind) {
  facts_.push_back(AutomaticMessage{conv, next_message_id(), kind, at});
  return *this;
}

FactLogBuilder& FactLogBuilder::transfer(const std::string& conv, const std::string& from,
                                         const std::string& to, TimePoint at, bool pre_sale) {
  facts_.push_back(Transferred{conv, from, to, pre_sale ? "presale" : "aftersale", pre_sale, at});
  return *this;
}

FactLogBuilder& FactLogBuilder::end(const std::string& conv, EndedBy by, TimePoint at,
                                    const std::string& agent) {
  facts_.push_back(ConversationEnded{conv, by, agent, at});
  return *this;
}

FactLogBuilder& FactLogBuilder::rate(const std::string& conv, const std::string& agent, int score,
                                     TimePoint at) {
  facts_.push_back(Rated{conv, "buyer-of-" + conv, agent, score, "", at});
  return *this;
}

FactLogBuilder& FactLogBuilder::paid(const std::string& order, const std::string& buyer,
                                     std::int64_t fen, TimePoint at) {
  facts_.push_back(OrderPaid{order, buyer, fen, at});
  return *this;
}

FactLogBuilder& FactLogBuilder::complaint(const std::string& id, const std::string& agent,
                                          bool valid, TimePoint at) {
  facts_.push_back(Complaint{id, "", "", agent, valid, "", at});
  return *this;
}

FactLogBuilder& FactLogBuilder::chat(const std::string& conv, const std::string& buyer_id,
                                     const std::string& agent_id, TimePoint at, Millis reply_after,
                                     bool pre_sale) {
  assign(conv, buyer_id, agent_id, at, at, pre_sale);
  buyer(conv, buyer_id, at);
  agent(conv, agent_id, at + reply_after);
  return *this;
}

Timeline build(const FactLogBuilder& b, TimePoint as_of, const KpiSettings& s) {
  return build_timeline(b.facts(), s, shanghai(), as_of);
}

Figures day_figures(const Timeline& t, const std::string& agent, LocalDate day,
                    const KpiSettings& s) {
  return summarize(t, s, agent.empty() ? Scope::shop() : Scope::agent(agent), day_range(day));
}

}  // namespace kefu::kpi::test
