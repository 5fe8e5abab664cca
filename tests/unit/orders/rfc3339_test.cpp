#include "orders/rfc3339.h"

#include <gtest/gtest.h>

namespace kefu::orders {
namespace {

// 2026-11-11T00:00:05+08:00 is 2026-11-10T16:00:05Z.
constexpr std::int64_t kDouble11 = 1'794'326'405'000;

TEST(OrdersRfc3339, OffsetsAndZuluAreTheSameInstant) {
  EXPECT_EQ(parse_rfc3339_ms("2026-11-10T16:00:05Z"), kDouble11);
  EXPECT_EQ(parse_rfc3339_ms("2026-11-11T00:00:05+08:00"), kDouble11);
  EXPECT_EQ(parse_rfc3339_ms("2026-11-10T11:30:05-04:30"), kDouble11);
  EXPECT_EQ(parse_rfc3339_ms("2026-11-10t16:00:05z"), kDouble11);
}

TEST(OrdersRfc3339, FractionalSecondsKeepMilliseconds) {
  EXPECT_EQ(parse_rfc3339_ms("2026-11-10T16:00:05.5Z"), kDouble11 + 500);
  EXPECT_EQ(parse_rfc3339_ms("2026-11-10T16:00:05.123456789Z"), kDouble11 + 123);
}

TEST(OrdersRfc3339, EpochAndLeapDay) {
  EXPECT_EQ(parse_rfc3339_ms("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(parse_rfc3339_ms("2028-02-29T00:00:00Z"), 1'835'395'200'000);
}

TEST(OrdersRfc3339, RefusesWhatIsNotRfc3339) {
  for (const char* bad :
       {"", "2026-11-11", "2026-11-11T00:00:05", "2026-11-11 00:00", "1762790405",
        "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-11-11T24:00:00Z",
        "2026-11-11T00:60:00Z", "2026-11-11T00:00:05+8:00", "2026-11-11T00:00:05+08",
        "2026-11-11T00:00:05.Z", "2026-11-11T00:00:05Zjunk", "2026-11-11T00:00:05+24:00",
        "２０２６-11-11T00:00:05Z"})
    EXPECT_FALSE(parse_rfc3339_ms(bad).has_value()) << bad;
}

}  // namespace
}  // namespace kefu::orders
