// R-KPI-8: reply rate or reception below the team average.
#include <gtest/gtest.h>

#include "kpi/low_performers.h"

namespace kefu::kpi {
namespace {

Figures agent(const std::string& id, Ratio reply_rate, std::int64_t receptions) {
  Figures f;
  f.scope = Scope::agent(id);
  f.reply_rate = reply_rate;
  f.receptions = receptions;
  return f;
}

TEST(R_KPI_8, BelowTheTeamAverageIsFlaggedAndAtTheAverageIsNot) {
  // Rates 90%, 90% (18/20), 60%: mean 80%. Receptions 10, 20, 30: mean 20.
  const LowPerformerReport r =
      low_performers({agent("a", {9, 10}, 10), agent("b", {18, 20}, 20), agent("c", {6, 10}, 30)});
  EXPECT_EQ(r.averages.reply_rate_ppm, 800'000);
  EXPECT_EQ(r.averages.receptions_milli, 20'000);
  ASSERT_EQ(r.agents.size(), 3u);
  EXPECT_FALSE(r.agents[0].reply_rate_below_average);
  EXPECT_TRUE(r.agents[0].reception_below_average);
  EXPECT_FALSE(r.agents[1].flagged());  // exactly at the reception average
  EXPECT_TRUE(r.agents[2].reply_rate_below_average);
  EXPECT_FALSE(r.agents[2].reception_below_average);
}

TEST(R_KPI_8, AgentWithoutConversationsIsFlaggedForReceptionOnly) {
  const LowPerformerReport r = low_performers({agent("a", {1, 1}, 4), agent("idle", {0, 0}, 0)});
  EXPECT_EQ(r.averages.reply_rate_ppm, 1'000'000);  // only the defined rate
  EXPECT_FALSE(r.agents[1].reply_rate_below_average);
  EXPECT_EQ(r.agents[1].reply_rate_ppm, std::nullopt);
  EXPECT_TRUE(r.agents[1].reception_below_average);
}

TEST(R_KPI_8, EqualAgentsAreNeverFlagged) {
  const LowPerformerReport r = low_performers({agent("a", {1, 3}, 5), agent("b", {2, 6}, 5)});
  EXPECT_FALSE(r.agents[0].flagged());
  EXPECT_FALSE(r.agents[1].flagged());
}

}  // namespace
}  // namespace kefu::kpi
