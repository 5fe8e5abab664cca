#include "chat/shop_kpi_rules.h"

#include <gtest/gtest.h>

namespace kefu::chat {
namespace {

using namespace std::chrono_literals;

v1::Shop shop() {
  v1::Shop s;
  s.set_id("s1");
  return s;
}

TEST(ChatShopKpiRules, DefaultsAreTheReadmesDefinitions) {
  std::vector<std::string> problems;
  const ShopKpiRules r = build_shop_kpi_rules(shop(), problems);
  EXPECT_TRUE(problems.empty());
  EXPECT_EQ(r.settings.window.start, 8h);
  EXPECT_EQ(r.settings.window.end, 24h);
  EXPECT_EQ(r.settings.fast_reply, 30s);
  EXPECT_EQ(r.settings.conversion_final_days, 3);
  EXPECT_EQ(r.presale.id, "presale");
  EXPECT_TRUE(r.presale.commission);
  EXPECT_FALSE(r.aftersale.commission);
  ASSERT_EQ(r.blackouts.size(), 1U);
  EXPECT_EQ(r.blackouts[0].name, "Double 11");
}

TEST(ChatShopKpiRules, R_KPI_1_AJdShopsWindowAndThresholds) {
  v1::Shop s = shop();
  auto* k = s.mutable_kpi();
  k->set_window_start("09:00");
  k->set_window_end("23:00");
  k->set_fast_reply_seconds(20);
  k->set_slow_reply_seconds(120);
  k->set_conversion_final_days(5);
  std::vector<std::string> problems;
  const ShopKpiRules r = build_shop_kpi_rules(s, problems);
  EXPECT_TRUE(problems.empty());
  EXPECT_EQ(r.settings.window.start, 9h);
  EXPECT_EQ(r.settings.window.end, 23h);
  EXPECT_EQ(r.settings.fast_reply, 20s);
  EXPECT_EQ(r.settings.slow_reply, 120s);
  EXPECT_EQ(r.settings.conversion_final_days, 5);
}

TEST(ChatShopKpiRules, R_SCORE_3_WeightsCommissionAndBlackoutsPerShop) {
  v1::Shop s = shop();
  auto* k = s.mutable_kpi();
  auto weight = [&](const char* part, std::uint32_t tenths) {
    auto* w = k->add_presale_weights();
    w->set_part(part);
    w->set_points_tenths(tenths);
  };
  weight("team_task", 200);
  weight("conversion", 200);  // still 100 points in all
  auto* band = k->add_commission_bands();
  band->set_min_score_tenths(800);
  band->set_rate_bp(50);
  auto* b = k->add_blackouts();
  b->set_name("618");
  b->set_start("06-01");
  b->set_end("06-18");
  std::vector<std::string> problems;
  const ShopKpiRules r = build_shop_kpi_rules(s, problems);
  EXPECT_TRUE(problems.empty()) << problems.front();
  auto part = [&](const char* id) {
    for (const auto& p : r.presale.parts)
      if (p.id == id) return p.max_tenths;
    return -1;
  };
  EXPECT_EQ(part("team_task"), 200);
  EXPECT_EQ(part("conversion"), 200);
  ASSERT_EQ(r.bands.size(), 1U);
  EXPECT_EQ(r.bands[0].rate_bp, 50);
  ASSERT_EQ(r.blackouts.size(), 1U);
  EXPECT_EQ(r.blackouts[0].name, "618");
  EXPECT_EQ(r.blackouts[0].end_day, 18U);
}

TEST(ChatShopKpiRules, ProblemsNameTheField) {
  v1::Shop s = shop();
  auto* k = s.mutable_kpi();
  k->set_window_start("25:00");
  k->set_window_end("07:00");
  auto* w = k->add_presale_weights();
  w->set_part("team_task");
  w->set_points_tenths(100);  // the parts no longer add up to 100
  auto* x = k->add_aftersale_weights();
  x->set_part("conversion");  // after-sale has no conversion part (R-SCORE-5)
  auto* b = k->add_blackouts();
  b->set_name("bad");
  b->set_start("11-12");
  b->set_end("11-01");
  std::vector<std::string> problems;
  build_shop_kpi_rules(s, problems);
  std::string all;
  for (const auto& p : problems) all += p + "\n";
  EXPECT_NE(all.find("windowStart"), std::string::npos) << all;
  EXPECT_NE(all.find("presaleWeights"), std::string::npos) << all;
  EXPECT_NE(all.find("no part \"conversion\""), std::string::npos) << all;
  EXPECT_NE(all.find("blackouts"), std::string::npos) << all;
}

}  // namespace
}  // namespace kefu::chat
