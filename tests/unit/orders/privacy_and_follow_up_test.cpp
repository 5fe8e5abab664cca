#include <gtest/gtest.h>

#include "orders/follow_up_rules.h"
#include "orders/privacy.h"

namespace kefu::orders {
namespace {

TEST(OrdersPrivacy, R_MSG_6_OnlyTheServingAgentSeesTheContact) {
  EXPECT_TRUE(contact_visible_to("a1", "a1"));
  EXPECT_FALSE(contact_visible_to("a2", "a1"));
  EXPECT_FALSE(contact_visible_to("a1", ""));
  EXPECT_FALSE(contact_visible_to("", ""));
}

TEST(OrdersPrivacy, R_MSG_6_MaskingKeepsWhatIdentifiesNobody) {
  v1::Order o;
  o.mutable_contact()->set_phone("13812345678");
  o.mutable_contact()->set_address("浙江省杭州市西湖区文三路 100 号");
  o.mutable_contact()->set_name("王小明");
  mask_contact(o);
  EXPECT_EQ(o.contact().phone(), "138****5678");
  EXPECT_EQ(o.contact().name(), "王**");
  EXPECT_TRUE(o.contact().address().starts_with("浙江省杭州市"));
  EXPECT_EQ(o.contact().address().find("文三路"), std::string::npos);
  // Still valid UTF-8 text: every masked character is one '*'.
  EXPECT_EQ(o.contact().address(), "浙江省杭州市" + std::string(12, '*'));

  v1::Order none;
  mask_contact(none);
  EXPECT_FALSE(none.has_contact());
  v1::Order short_phone;
  short_phone.mutable_contact()->set_phone("110");
  mask_contact(short_phone);
  EXPECT_EQ(short_phone.contact().phone(), "110");
}

constexpr std::int64_t kNow = 1'794'326'405'000;
constexpr std::int64_t kHour = 3600 * 1000;

TEST(OrdersFollowUp, R_MSG_4_DueWithin24HoursDefaultingTo24) {
  EXPECT_EQ(follow_up_due(0, kNow).due_ms, kNow + 24 * kHour);
  EXPECT_EQ(follow_up_due(kNow + kHour, kNow).due_ms, kNow + kHour);
  EXPECT_EQ(follow_up_due(kNow + 24 * kHour, kNow).due_ms, kNow + 24 * kHour);
  EXPECT_FALSE(follow_up_due(kNow + 24 * kHour + 1, kNow).problem.empty());
  EXPECT_FALSE(follow_up_due(kNow, kNow).problem.empty());
  EXPECT_FALSE(follow_up_due(kNow - 1, kNow).problem.empty());
}

TEST(OrdersFollowUp, R_MSG_4_OverdueFromTheDueTimeUntilDone) {
  EXPECT_FALSE(follow_up_overdue(kNow + 1, 0, kNow));
  EXPECT_TRUE(follow_up_overdue(kNow, 0, kNow));
  EXPECT_TRUE(follow_up_overdue(kNow - kHour, 0, kNow));
  EXPECT_FALSE(follow_up_overdue(kNow - kHour, kNow - 1, kNow));
}

}  // namespace
}  // namespace kefu::orders
