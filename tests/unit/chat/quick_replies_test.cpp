// R-MSG-3: the shop's quick replies and the checks on an agent's own.
#include "chat/quick_replies.h"

#include <gtest/gtest.h>

namespace kefu::chat {
namespace {

TEST(QuickReplies, R_MSG_3_WithoutConfigTheSeedsScriptsAreTheShopsLibrary) {
  v1::Shop shop;
  auto replies = shop_quick_replies(shop);
  ASSERT_GE(replies.size(), 3u);
  EXPECT_EQ(replies[0].id(), "shop:1");
  EXPECT_EQ(replies[0].shortcut(), "hi");
  EXPECT_TRUE(replies[0].shared());
  bool has_goodbye = false;
  for (const auto& r : replies) has_goodbye |= r.shortcut() == "bye";
  EXPECT_TRUE(has_goodbye);
}

TEST(QuickReplies, R_MSG_3_AConfiguredLibraryReplacesTheDefaults) {
  v1::Shop shop;
  auto* q = shop.add_quick_replies();
  q->set_shortcut("gift");
  q->set_text("可以帮您包装成礼品哦");
  auto replies = shop_quick_replies(shop);
  ASSERT_EQ(replies.size(), 1u);
  EXPECT_EQ(replies[0].id(), "shop:1");
  EXPECT_EQ(replies[0].text(), "可以帮您包装成礼品哦");
}

TEST(QuickReplies, AnOwnReplyNeedsTextAndAShortcutWithoutSpacesOrSlash) {
  EXPECT_EQ(quick_reply_problem("thx", "谢谢您"), "");
  EXPECT_EQ(quick_reply_problem("", "谢谢您"), "");  // a reply may be found by its text alone
  EXPECT_NE(quick_reply_problem("thx", ""), "");
  EXPECT_NE(quick_reply_problem("t x", "谢谢"), "");
  EXPECT_NE(quick_reply_problem("/x", "谢谢"), "");
  EXPECT_NE(quick_reply_problem(std::string(kMaxShortcutBytes + 1, 'a'), "谢谢"), "");
  EXPECT_NE(quick_reply_problem("a", std::string(kMaxQuickReplyBytes + 1, 'a')), "");
}

}  // namespace
}  // namespace kefu::chat
