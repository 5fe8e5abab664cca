// R-KPI-7 satisfaction and complaints.
#include <gtest/gtest.h>

#include "fact_log_builder.h"

namespace kefu::kpi::test {
namespace {

using namespace std::chrono_literals;

TEST(R_KPI_7, SatisfiedMeansFourOrFiveAndTheLatestRatingOfAConversationCounts) {
  FactLogBuilder b;
  const TimePoint t0 = local(2024, 3, 5, 10, 0);
  b.rate("c1", "alice", 5, t0).rate("c2", "alice", 4, t0).rate("c3", "alice", 3, t0);
  b.rate("c4", "alice", 1, t0).rate("c4", "alice", 2, t0 + 1min);  // changed from 1 to 2
  b.rate("c5", "alice", 2, t0).rate("c5", "alice", 5, t0 + 1min);  // changed from 2 to 5
  b.rate("c6", "alice", 0, t0);                                    // not a rating
  b.rate("c7", "alice", 5, local(2024, 3, 6, 0, 30));              // at any hour, on its own day
  b.complaint("k1", "alice", true, t0).complaint("k2", "alice", true, t0);
  b.complaint("k2", "alice", false, t0 + 1h);  // a supervisor dismissed k2
  const Timeline t = build(b, local(2024, 3, 7, 0, 0));
  const Figures f = day_figures(t, "alice", date(2024, 3, 5));
  EXPECT_EQ(f.satisfaction, (Ratio{3, 5}));
  EXPECT_EQ(f.satisfaction.ppm(), 600'000);
  EXPECT_EQ(f.dissatisfied_ratings, 1);
  EXPECT_EQ(f.complaints, 2);
  EXPECT_EQ(f.valid_complaints, 1);
  EXPECT_EQ(day_figures(t, "alice", date(2024, 3, 6)).satisfaction, (Ratio{1, 1}));
}

}  // namespace
}  // namespace kefu::kpi::test
