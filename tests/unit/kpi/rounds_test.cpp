// R-KPI-3 rounds and R-KPI-1 assessment window.
#include <gtest/gtest.h>

#include "fact_log_builder.h"

namespace kefu::kpi::test {
namespace {

using namespace std::chrono_literals;

TEST(R_KPI_3, RoundRunsFromFirstUnansweredBuyerMessageToNextHumanReply) {
  FactLogBuilder b;
  const TimePoint t0 = local(2024, 3, 5, 10, 0, 0);
  b.assign("c1", "b1", "alice", t0, t0);
  b.buyer("c1", "b1", t0).buyer("c1", "b1", t0 + 10s).agent("c1", "alice", t0 + 20s);  // 20 s
  b.agent("c1", "alice", t0 + 25s);                                  // a second reply opens nothing
  b.buyer("c1", "b1", t0 + 1min).agent("c1", "alice", t0 + 3min);    // 120 s
  b.buyer("c1", "b1", t0 + 10min).agent("c1", "alice", t0 + 14min);  // 240 s
  b.buyer("c1", "b1", t0 + 20min).agent("c1", "alice", t0 + 20min + 30s);  // 30 s
  const Figures f = day_figures(build(b, local(2024, 3, 6, 0, 0)), "alice", date(2024, 3, 5));

  EXPECT_EQ(f.rounds_answered, 4);
  EXPECT_EQ(f.response.total_ms, 410'000);
  EXPECT_EQ(f.response.average_ms(), 102'500);
  EXPECT_EQ(f.answered_within_fast, (Ratio{2, 4}));  // 20 s and exactly 30 s
  EXPECT_EQ(f.answered_within_slow, (Ratio{3, 4}));  // 240 s is over 3 min
  EXPECT_EQ(f.drilldown.rounds[0].buyer_messages, 2);
  EXPECT_TRUE(f.drilldown.rounds[0].first_of_reception);
  EXPECT_FALSE(f.drilldown.rounds[1].first_of_reception);
}

TEST(R_KPI_3, ThresholdsAreConfigurable) {
  KpiSettings s;
  s.fast_reply = 10s;
  s.slow_reply = 1min;
  FactLogBuilder b;
  const TimePoint t0 = local(2024, 3, 5, 10, 0, 0);
  b.chat("c1", "b1", "alice", t0, 10s).buyer("c1", "b1", t0 + 1min).agent("c1", "alice", t0 + 2min);
  const Figures f = day_figures(build(b, local(2024, 3, 6, 0, 0), s), "alice", date(2024, 3, 5), s);
  EXPECT_EQ(f.answered_within_fast, (Ratio{1, 2}));
  EXPECT_EQ(f.answered_within_slow, (Ratio{2, 2}));
}

TEST(R_KPI_3, AverageIsRoundedHalfUpToTheMillisecond) {
  FactLogBuilder b;
  const TimePoint t0 = local(2024, 3, 5, 10, 0, 0);
  b.chat("c1", "b1", "alice", t0, 1s)
      .buyer("c1", "b1", t0 + 1min)
      .agent("c1", "alice", t0 + 1min + 1s);
  b.buyer("c1", "b1", t0 + 2min).agent("c1", "alice", t0 + 2min + 2s);
  const Figures f = day_figures(build(b, local(2024, 3, 6, 0, 0)), "alice", date(2024, 3, 5));
  EXPECT_EQ(f.response.total_ms, 4'000);
  EXPECT_EQ(f.response.average_ms(), 1'333);
}

TEST(R_KPI_1, RoundAcrossTheEndOfTheWindowCountsInTheDayItStarted) {
  FactLogBuilder b;
  const TimePoint late = local(2024, 3, 5, 23, 59, 50);
  b.assign("c1", "b1", "alice", late, late).buyer("c1", "b1", late);
  b.agent("c1", "alice", local(2024, 3, 6, 0, 0, 20));  // answered after midnight: 30 s
  // A round that starts after 24:00 is outside the 08:00–24:00 window: not counted anywhere.
  b.buyer("c1", "b1", local(2024, 3, 6, 0, 30)).agent("c1", "alice", local(2024, 3, 6, 0, 31));
  const Timeline t = build(b, local(2024, 3, 7, 0, 0));

  const Figures d5 = day_figures(t, "alice", date(2024, 3, 5));
  EXPECT_EQ(d5.rounds_answered, 1);
  EXPECT_EQ(d5.response.average_ms(), 30'000);
  EXPECT_EQ(d5.answered_within_fast, (Ratio{1, 1}));
  EXPECT_EQ(d5.first_response_agent.average_ms(), 30'000);
  EXPECT_EQ(d5.receptions, 1);

  const Figures d6 = day_figures(t, "alice", date(2024, 3, 6));
  EXPECT_EQ(d6.rounds_answered, 0);
  EXPECT_EQ(d6.response.average_ms(), std::nullopt);
  EXPECT_TRUE(d6.drilldown.rounds.empty());
}

TEST(R_KPI_1, WindowIsConfigurableLikeJd0900To2300) {
  KpiSettings jd;
  jd.window = {std::chrono::minutes{9 * 60}, std::chrono::minutes{23 * 60}};
  FactLogBuilder b;
  b.chat("c1", "b1", "alice", local(2024, 3, 5, 8, 59, 59), 5s);   // before 09:00: out
  b.chat("c2", "b2", "alice", local(2024, 3, 5, 9, 0, 0), 5s);     // 09:00 sharp: in
  b.chat("c3", "b3", "alice", local(2024, 3, 5, 22, 59, 59), 5s);  // in
  b.chat("c4", "b4", "alice", local(2024, 3, 5, 23, 0, 0), 5s);    // 23:00 sharp: out
  const Timeline t = build(b, local(2024, 3, 6, 0, 0), jd);
  const Figures f = day_figures(t, "alice", date(2024, 3, 5), jd);
  EXPECT_EQ(f.rounds_answered, 2);
  EXPECT_EQ(f.receptions, 2);
  EXPECT_EQ(f.reply_rate, (Ratio{2, 2}));
}

}  // namespace
}  // namespace kefu::kpi::test
