#pragma once
// Builds a shop's fact log with explicit local times (Asia/Shanghai, UTC+8) for KPI tests.
#include <ostream>
#include <string>

#include "kpi/facts.h"
#include "kpi/figures.h"
#include "kpi/local_time.h"
#include "kpi/timeline.h"

namespace kefu::kpi {
// Readable GoogleTest failure messages for exact figures.
inline void PrintTo(const Ratio& r, std::ostream* os) { *os << r.num << "/" << r.den; }
inline void PrintTo(const DurationStats& d, std::ostream* os) {
  *os << d.total_ms << " ms over " << d.count;
}
}  // namespace kefu::kpi

namespace kefu::kpi::test {

// A moment given in Shanghai local time.
TimePoint local(int y, unsigned mo, unsigned d, int h, int mi, int s = 0);
LocalDate date(int y, unsigned mo, unsigned d);
ShopTime shanghai();

class FactLogBuilder {
 public:
  // Routing assigns `conv` (buyer `buyer`) to `agent` at `at`; the buyer first wrote at `first`.
  FactLogBuilder& assign(const std::string& conv, const std::string& buyer,
                         const std::string& agent, TimePoint at, TimePoint first,
                         bool pre_sale = true);
  FactLogBuilder& buyer(const std::string& conv, const std::string& buyer, TimePoint at);
  FactLogBuilder& agent(const std::string& conv, const std::string& agent, TimePoint at);
  FactLogBuilder& automatic(const std::string& conv, TimePoint at,
                            AutomaticKind kind = AutomaticKind::kAutoReply);
  FactLogBuilder& transfer(const std::string& conv, const std::string& from, const std::string& to,
                           TimePoint at, bool pre_sale = true);
  FactLogBuilder& end(const std::string& conv, EndedBy by, TimePoint at,
                      const std::string& agent = "");
  FactLogBuilder& rate(const std::string& conv, const std::string& agent, int score, TimePoint at);
  FactLogBuilder& paid(const std::string& order, const std::string& buyer, std::int64_t fen,
                       TimePoint at);
  FactLogBuilder& complaint(const std::string& id, const std::string& agent, bool valid,
                            TimePoint at);

  // A buyer's complete pre-sale chat: assigned at `at`, writes at `at`, the agent replies
  // `reply_after` later.
  FactLogBuilder& chat(const std::string& conv, const std::string& buyer, const std::string& agent,
                       TimePoint at, Millis reply_after, bool pre_sale = true);

  const FactLog& facts() const { return facts_; }
  // The id the builder gave the last message it added ("m1", "m2", …).
  std::string last_message_id() const { return "m" + std::to_string(next_id_ - 1); }

 private:
  std::string next_message_id() { return "m" + std::to_string(next_id_++); }
  FactLog facts_;
  int next_id_ = 1;
};

Timeline build(const FactLogBuilder& b, TimePoint as_of, const KpiSettings& s = {});
// Figures of one agent (or the shop when `agent` is empty) for one local day.
Figures day_figures(const Timeline& t, const std::string& agent, LocalDate day,
                    const KpiSettings& s = {});

}  // namespace kefu::kpi::test
