// Issue 8: routing keeps each agent's on/off-shift answer for as long as it holds. These tests
// hold that answer against is_on_shift itself (R-SHIFT-1, R-SHIFT-2) over rotas with night shifts,
// overlapping shifts, dated days off, whole-day and partial leave, and a change of UTC offset.
#include <gtest/gtest.h>

#include <random>

#include "shanghai.h"
#include "shifts/on_shift_memo.h"

namespace kefu::shifts {
namespace {

using namespace std::chrono;
using testing::date;

// A month of rota in New York (DST starts 2024-03-10 and the tests cross it), for agents whose
// patterns cover what a shop's rota can say.
ShopSchedule varied_schedule() {
  ShopSchedule s;
  s.zone = TimeZone::load("America/New_York");
  s.add_shifts(default_preset().shifts);  // early 06-14, middle 14-22, night 22-06
  s.add_shifts({*make_shift("long", "长班", "09:00", "21:00"),
                *make_shift("all_day", "全天", "00:00", "24:00")});
  s.rota.set_standing("early", {"early"});
  s.rota.set_standing("night", {"night"});
  s.rota.set_standing("overlap", {"early", "long"});
  s.rota.set_standing("always", {"all_day"});
  s.rota.set_standing("mixed", {"middle"});
  for (unsigned d = 1; d <= 28; d += 3) s.rota.assign("mixed", date(2024, 3, d), {"night"});
  for (unsigned d = 2; d <= 28; d += 5) s.rota.assign("mixed", date(2024, 3, d), {});
  s.rota.add_leave(leave_for_days("early", date(2024, 3, 8), date(2024, 3, 11), *s.zone));
  s.rota.add_leave({"night", testing::local(*s.zone, 2024, 3, 9, 23, 30),
                    testing::local(*s.zone, 2024, 3, 10, 4, 15), LeaveStatus::kApproved});
  s.rota.add_leave({"always", testing::local(*s.zone, 2024, 3, 12, 10, 0),
                    testing::local(*s.zone, 2024, 3, 12, 10, 1), LeaveStatus::kApproved});
  s.rota.add_leave({"always", testing::local(*s.zone, 2024, 3, 12, 9, 0),
                    testing::local(*s.zone, 2024, 3, 13, 9, 0), LeaveStatus::kRequested});
  return s;
}

const std::vector<std::string> kAgents{"early", "night", "overlap", "always", "mixed", "nobody"};

TEST(Shifts, OnShiftSpanHoldsUntilItsBound) {
  const auto s = varied_schedule();
  std::mt19937_64 rng{20241122};
  const TimePoint first = testing::local(*s.zone, 2024, 3, 3, 0, 0);
  std::uniform_int_distribution<int> minute_of_span(0, 20 * 24 * 60);
  for (int i = 0; i < 80; ++i) {
    const TimePoint t = first + minutes{minute_of_span(rng)} + seconds{i % 60};
    for (const auto& agent : kAgents) {
      const OnShiftSpan span = on_shift_span(s, agent, t);
      ASSERT_EQ(span.on, is_on_shift(s, agent, t)) << agent;
      ASSERT_GT(span.until, t) << agent;
      ASSERT_LE(span.until, t + hours{20}) << agent;
      // Every minute of the span, and its last instant, give the same answer.
      for (TimePoint u = t; u < span.until; u += minutes{1})
        ASSERT_EQ(is_on_shift(s, agent, u), span.on) << agent << " " << (u - t) / 1min << " min";
      ASSERT_EQ(is_on_shift(s, agent, span.until - nanoseconds{1}), span.on) << agent;
    }
  }
}

TEST(Shifts, OnShiftMemoAnswersAsIsOnShiftDoes) {
  const auto s = varied_schedule();
  OnShiftMemo memo{s};
  std::mt19937_64 rng{7};
  // Mostly forward in small steps, as a clock does, with jumps back (a test's clock set back,
  // another thread's older `now`) and long jumps ahead.
  std::uniform_int_distribution<int> step_seconds(0, 900), kind(0, 19);
  TimePoint t = testing::local(*s.zone, 2024, 3, 5, 0, 0);
  int held = 0;
  for (int i = 0; i < 10000; ++i) {
    const int k = kind(rng);
    if (k == 0) {
      t -= hours{step_seconds(rng) % 30};
    } else if (k == 1) {
      t += hours{step_seconds(rng) % 50};
    } else {
      t += seconds{step_seconds(rng)};
    }
    for (const auto& agent : kAgents) {
      const bool expected = is_on_shift(s, agent, t);
      ASSERT_EQ(memo.on_shift(agent, t), expected) << agent << " step " << i;
      held += expected;
    }
  }
  EXPECT_GT(held, 0);  // the walk saw agents on shift, not only off
}

TEST(Shifts, OnShiftMemoSeesTheEdgesOfShiftsAndLeave) {
  const auto s = varied_schedule();
  OnShiftMemo memo{s};
  const auto at = [&](unsigned d, int hh, int mm) {
    return testing::local(*s.zone, 2024, 3, d, hh, mm);
  };
  EXPECT_FALSE(memo.on_shift("early", at(4, 5, 59)));
  EXPECT_TRUE(memo.on_shift("early", at(4, 6, 0)));
  EXPECT_TRUE(memo.on_shift("early", at(4, 13, 59)));
  EXPECT_FALSE(memo.on_shift("early", at(4, 14, 0)));
  // A one-minute leave in the middle of a standing all-day shift.
  EXPECT_TRUE(memo.on_shift("always", at(12, 9, 59)));
  EXPECT_FALSE(memo.on_shift("always", at(12, 10, 0)));
  EXPECT_TRUE(memo.on_shift("always", at(12, 10, 1)));
  // The night shift's leave ends at 04:15 on the night DST starts.
  EXPECT_FALSE(memo.on_shift("night", at(10, 4, 14)));
  EXPECT_TRUE(memo.on_shift("night", at(10, 4, 15)));
  // Asked back in time, the memo answers for that time.
  EXPECT_TRUE(memo.on_shift("early", at(4, 6, 0)));
}

}  // namespace
}  // namespace kefu::shifts
