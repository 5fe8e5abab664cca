// Issue 7: the shop's settings as supervisors change them. Read from an entry with every default
// spelled out, applied over the file's shop, checked field by field (the first bad field named
// as the JSON client spells it), described line by line for the change log, and published to
// the directory without any reader seeing a half-built entry.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "auth/password.h"
#include "chat/settings_changes.h"
#include "chat/settings_check.h"
#include "chat/shop_settings.h"

namespace kefu::chat {
namespace {

v1::ServerConfig a_config() {
  static const std::string hash = auth::hash_password("correct horse battery");
  v1::ServerConfig config;
  v1::Shop* shop = config.add_shops();
  shop->set_id("s1");
  shop->set_buyer_token_secret("0123456789abcdef0123");
  for (const char* id : {"a1", "a2", "b1"}) {
    auto* a = shop->add_agents();
    a->set_id(id);
    a->set_password_hash(hash);
    a->set_group(id[0] == 'b' ? "aftersale" : "presale");
  }
  shop->mutable_agents(0)->set_capacity(2);
  return config;
}

class ShopSettingsTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(dir.load(a_config()).empty()); }
  v1::ShopSettings current() const { return settings_of(*dir.shop("s1")); }
  const v1::Shop& file() const { return *dir.file_config("s1"); }
  std::string bad_field(const v1::ShopSettings& s) const {
    auto p = check_settings(file(), s);
    return p ? p->field : "(accepted)";
  }
  ShopDirectory dir;
};

TEST_F(ShopSettingsTest, SpellsOutEveryDefault) {
  const auto s = current();
  EXPECT_EQ(s.version(), 0);
  EXPECT_EQ(s.bindings().size(), 8u);  // R-ROUTE-2: every order state
  EXPECT_EQ(s.bindings().at("shipped"), "aftersale");
  EXPECT_EQ(s.bindings().at("paid"), "presale");
  EXPECT_EQ(s.shifts_size(), 3);  // R-SHIFT-1's default preset
  EXPECT_EQ(s.default_capacity(), 8u);
  EXPECT_EQ(s.capacity_per_level().at("trainee"), 4u);  // R-ROLE-3
  ASSERT_EQ(s.capacities_size(), 3);
  EXPECT_EQ(s.capacities(0).capacity(), 2u);
  EXPECT_GT(s.quick_replies_size(), 0);  // R-MSG-3: the seeds' scripts
  EXPECT_EQ(s.fast_reply_seconds(), 30u);
  EXPECT_EQ(s.slow_reply_seconds(), 180u);
  EXPECT_EQ(s.blackouts_size(), 1);  // R-SCORE-2: Double 11
  EXPECT_EQ(s.blackouts(0).start(), "11-01");
  EXPECT_EQ(s.wait_alert_seconds(), 60u);  // R-SUP-1
  // The defaults as they are pass the checks and describe no change.
  EXPECT_EQ(bad_field(s), "(accepted)");
  EXPECT_TRUE(describe_changes(s, s).empty());
}

TEST_F(ShopSettingsTest, AppliedSettingsRoundTrip) {
  auto s = current();
  (*s.mutable_bindings())["shipped"] = "presale";
  s.mutable_capacities(0)->set_capacity(5);
  s.mutable_shifts(0)->set_start("07:30");
  s.set_fast_reply_seconds(20);
  s.set_wait_alert_seconds(90);
  s.set_version(1);
  std::vector<std::string> problems;
  auto entry = entry_with_settings(file(), s, problems, dir.shop("s1")->rules.schedule.zone);
  ASSERT_TRUE(problems.empty()) << problems.front();
  const auto back = settings_of(*entry);
  EXPECT_EQ(back.version(), 1);
  EXPECT_EQ(back.bindings().at("shipped"), "presale");
  EXPECT_EQ(back.capacities(0).capacity(), 5u);
  EXPECT_EQ(back.shifts(0).start(), "07:30");
  EXPECT_EQ(back.fast_reply_seconds(), 20u);
  EXPECT_EQ(wait_alert_seconds(entry->config), 90u);
  EXPECT_EQ(agent_capacity(*entry, *entry->agents_by_id.at("a1")), 5u);
  EXPECT_EQ(entry->kpi.settings.fast_reply, std::chrono::seconds{20});
}

TEST_F(ShopSettingsTest, NamesTheFirstBadField) {
  auto with = [&](auto change) {
    auto s = current();
    change(s);
    return bad_field(s);
  };
  EXPECT_EQ(with([](auto& s) { (*s.mutable_bindings())["shipped"] = "nowhere"; }),
            "bindings[shipped]");
  EXPECT_EQ(with([](auto& s) { (*s.mutable_bindings())["lost"] = "presale"; }), "bindings[lost]");
  // A group still bound (R-ROUTE-2) or holding agents (R-ROLE-2) stays.
  EXPECT_EQ(with([](auto& s) { s.mutable_groups()->RemoveLast(); }), "groups");
  EXPECT_EQ(with([](auto& s) { s.mutable_groups(1)->set_id("presale"); }), "groups[1].id");
  EXPECT_EQ(with([](auto& s) { s.mutable_shifts(1)->set_start("08:75"); }), "shifts[1].start");
  EXPECT_EQ(with([](auto& s) { s.mutable_shifts(1)->set_end("25:00"); }), "shifts[1].end");
  EXPECT_EQ(with([](auto& s) { s.mutable_shifts(2)->set_id(s.shifts(0).id()); }), "shifts[2].id");
  auto rota = [](auto& s, const char* agent, const char* date, const char* shift) {
    auto* e = s.add_rota();
    e->set_agent_id(agent);
    e->set_date(date);
    e->add_shifts(shift);
  };
  EXPECT_EQ(with([&](auto& s) { rota(s, "ghost", "2026-12-01", "early"); }), "rota[0].agentId");
  EXPECT_EQ(with([&](auto& s) { rota(s, "a1", "2026-13-01", "early"); }), "rota[0].date");
  EXPECT_EQ(with([&](auto& s) { rota(s, "a1", "2026-12-01", "brunch"); }), "rota[0].shifts[0]");
  EXPECT_EQ(with([](auto& s) { s.set_default_capacity(0); }), "defaultCapacity");
  EXPECT_EQ(with([](auto& s) { s.mutable_capacities(1)->set_capacity(101); }),
            "capacities[1].capacity");
  EXPECT_EQ(with([](auto& s) { s.mutable_capacities(1)->set_agent_id("ghost"); }),
            "capacities[1].agentId");
  EXPECT_EQ(with([](auto& s) { (*s.mutable_capacity_per_level())["trainee"] = 0; }),
            "capacityPerLevel[trainee]");
  EXPECT_EQ(with([](auto& s) { s.mutable_quick_replies(1)->set_shortcut(""); }),
            "quickReplies[1].shortcut");
  EXPECT_EQ(with([](auto& s) { s.mutable_quick_replies(1)->set_text(""); }),
            "quickReplies[1].text");
  EXPECT_EQ(with([](auto& s) {
              s.mutable_quick_replies(1)->set_shortcut(s.quick_replies(0).shortcut());
            }),
            "quickReplies[1].shortcut");
  EXPECT_EQ(with([](auto& s) { s.set_fast_reply_seconds(s.slow_reply_seconds()); }),
            "slowReplySeconds");
  EXPECT_EQ(with([](auto& s) { s.mutable_presale_weights(0)->set_points_tenths(1); }),
            "presaleWeights");
  EXPECT_EQ(with([](auto& s) { s.mutable_aftersale_weights(0)->set_part("conversion"); }),
            "aftersaleWeights[0].part");
  EXPECT_EQ(with([](auto& s) { s.mutable_blackouts(0)->set_end("11-31"); }), "blackouts[0].end");
  EXPECT_EQ(with([](auto& s) { s.set_wait_alert_seconds(0); }), "waitAlertSeconds");
}

TEST_F(ShopSettingsTest, DescribesEachChangeOnOneLine) {
  const auto before = current();
  auto after = before;
  (*after.mutable_bindings())["shipped"] = "presale";
  after.mutable_capacities(0)->set_capacity(3);
  after.mutable_shifts(0)->set_start("07:30");
  after.set_fast_reply_seconds(20);
  auto* g = after.add_groups();
  g->set_id("complaints");
  g->set_display_name("投诉");
  const auto lines = describe_changes(before, after);
  const std::string early = before.shifts(0).id();
  EXPECT_EQ(lines, (std::vector<std::string>{
                       "group complaints: (none) → 投诉",
                       "binding shipped: aftersale → presale",
                       "shift " + early + " start: " + before.shifts(0).start() + " → 07:30",
                       "capacity a1: 2 → 3",
                       "fast reply seconds: 30 → 20",
                   }));
}

// Readers on other threads always see a whole entry, old or new, and keep using theirs after a
// newer one is published (run under ASan/TSan builds to catch a use after free).
TEST_F(ShopSettingsTest, PublishingSwapsWholeEntriesUnderReaders) {
  std::atomic<bool> stop{false};
  std::atomic<long> reads{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 2; ++t)
    readers.emplace_back([&] {
      while (!stop.load()) {
        const ShopEntry* e = dir.shop("s1");
        const auto* a1 = e->agents_by_id.at("a1");
        const auto cap = agent_capacity(*e, *a1);
        // Each version v gives a1 capacity v + 1 (the file's 2 at version 0... then 2, 3, ...).
        EXPECT_TRUE(cap == 2 || static_cast<std::int64_t>(cap) == e->settings_version + 1);
        ++reads;
      }
    });
  // On a busy machine the readers may not have started yet: publish only once they read.
  while (reads.load() < 2) std::this_thread::yield();
  auto s = current();
  for (int v = 1; v <= 20; ++v) {
    s.set_version(v);
    s.mutable_capacities(0)->set_capacity(static_cast<std::uint32_t>(v + 1));
    std::vector<std::string> problems;
    EXPECT_TRUE(dir.publish(
        "s1", entry_with_settings(file(), s, problems, dir.shop("s1")->rules.schedule.zone)));
  }
  // An older version never replaces a newer one.
  s.set_version(3);
  std::vector<std::string> problems;
  EXPECT_FALSE(dir.publish(
      "s1", entry_with_settings(file(), s, problems, dir.shop("s1")->rules.schedule.zone)));
  stop = true;
  for (auto& r : readers) r.join();
  EXPECT_EQ(dir.shop("s1")->settings_version, 20);
}

}  // namespace
}  // namespace kefu::chat
