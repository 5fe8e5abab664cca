// Issue 8: the worker keeps each shop's schedule with the supervisors' rota changes (R-SHIFT-2)
// and its on-shift answers from one decision to the next, and starts over when either changes.
#include "chat/shop_schedules.h"

#include <gtest/gtest.h>

namespace kefu::chat {
namespace {

std::unique_ptr<ShopEntry> entry() {
  auto out = std::make_unique<ShopEntry>();
  out->config.set_id("s");
  out->config.set_time_zone("Asia/Shanghai");
  auto* a = out->config.add_agents();
  a->set_id("a");
  a->set_group("presale");
  std::vector<std::string> problems;
  out->rules = build_shop_rules(out->config, problems);  // a standing all-day shift
  EXPECT_TRUE(problems.empty()) << (problems.empty() ? "" : problems.front());
  return out;
}

const TimePoint kNoonJan15 = from_ms(1768449600000);  // 2026-01-15 12:00 in Shanghai

TEST(ChatShopSchedules, R_SHIFT_2_ARotaChangeIsSeenAtOnceAndUndoneAtOnce) {
  const auto shop = entry();
  ShopSchedules schedules;
  const RotaOverrides none;
  const RotaOverrides day_off{{{"a", "2026-01-15"}, {}}};

  auto plain = schedules.for_shop(*shop, none);
  EXPECT_EQ(&plain.schedule, &shop->rules.schedule);  // no copy without changes
  EXPECT_TRUE(plain.memo.on_shift("a", kNoonJan15));

  auto changed = schedules.for_shop(*shop, day_off);
  EXPECT_NE(&changed.schedule, &shop->rules.schedule);
  EXPECT_FALSE(changed.memo.on_shift("a", kNoonJan15));
  EXPECT_TRUE(changed.memo.on_shift("a", kNoonJan15 + std::chrono::hours{24}));

  // The supervisor takes the change back: the kept "off" answer is not used.
  EXPECT_TRUE(schedules.for_shop(*shop, none).memo.on_shift("a", kNoonJan15));
}

TEST(ChatShopSchedules, AnswersAreKeptWhileNothingChangesAndDroppedForANewEntry) {
  const auto shop = entry();
  ShopSchedules schedules;
  const RotaOverrides day_off{{{"a", "2026-01-15"}, {}}};
  shifts::OnShiftMemo* first = &schedules.for_shop(*shop, day_off).memo;
  EXPECT_EQ(&schedules.for_shop(*shop, day_off).memo, first);

  // Settings changed: the shop has a new entry, whose schedule the memo must be for.
  const auto newer = entry();
  auto in_use = schedules.for_shop(*newer, {});
  EXPECT_EQ(&in_use.schedule, &newer->rules.schedule);
  EXPECT_EQ(&in_use.memo.schedule(), &newer->rules.schedule);
}

}  // namespace
}  // namespace kefu::chat
