// The /metrics figures of a node (issue 9): histogram buckets as Prometheus reads them.
#include "core/node_metrics.h"

#include <gtest/gtest.h>

namespace kefu {
namespace {

using std::chrono::microseconds;

TEST(LatencyHistogram, BucketsAreCumulativeWithSumAndCount) {
  LatencyHistogram h;
  h.record(microseconds{80});       // ≤ 0.1 ms
  h.record(microseconds{100});      // on the bound: still ≤ 0.1 ms
  h.record(microseconds{300});      // ≤ 0.5 ms
  h.record(microseconds{5000000});  // past every bound
  std::string out;
  h.write(out, "t_seconds", "test");
  EXPECT_NE(out.find("# TYPE t_seconds histogram\n"), std::string::npos);
  EXPECT_NE(out.find("t_seconds_bucket{le=\"0.000100\"} 2\n"), std::string::npos) << out;
  EXPECT_NE(out.find("t_seconds_bucket{le=\"0.000250\"} 2\n"), std::string::npos) << out;
  EXPECT_NE(out.find("t_seconds_bucket{le=\"0.000500\"} 3\n"), std::string::npos) << out;
  EXPECT_NE(out.find("t_seconds_bucket{le=\"1.000000\"} 3\n"), std::string::npos) << out;
  EXPECT_NE(out.find("t_seconds_bucket{le=\"+Inf\"} 4\n"), std::string::npos) << out;
  EXPECT_NE(out.find("t_seconds_sum 5.000480\n"), std::string::npos) << out;
  EXPECT_NE(out.find("t_seconds_count 4\n"), std::string::npos) << out;
}

TEST(NodeMetrics, LabelValuesAreEscaped) {
  EXPECT_EQ(label_value("presale"), "presale");
  EXPECT_EQ(label_value("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
}

}  // namespace
}  // namespace kefu
