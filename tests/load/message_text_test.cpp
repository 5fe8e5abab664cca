#include "message_text.h"

#include <gtest/gtest.h>

namespace kefu::load {
namespace {

TEST(LoadMessageText, RoundTrips) {
  const Stamp s{'a', 42, 1234567890123456789};
  const std::string text = make_text(s, 64);
  EXPECT_EQ(text.size(), 64u);
  auto back = read_text(text);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->side, 'a');
  EXPECT_EQ(back->seq, 42u);
  EXPECT_EQ(back->sent_ns, 1234567890123456789);
}

TEST(LoadMessageText, LongerThanTheSizeIsKept) {
  const std::string text = make_text({'b', 7, 99}, 4);
  EXPECT_EQ(text, "kl b 7 99");
  ASSERT_TRUE(read_text(text));
}

TEST(LoadMessageText, OtherTextsAreNotStamps) {
  EXPECT_FALSE(read_text("在吗？"));
  EXPECT_FALSE(read_text("kl x 1 2"));
  EXPECT_FALSE(read_text("kl b one 2"));
  EXPECT_FALSE(read_text("kl b 1"));
  EXPECT_FALSE(read_text(""));
}

}  // namespace
}  // namespace kefu::load
