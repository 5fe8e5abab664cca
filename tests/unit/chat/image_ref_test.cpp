// Issue 6: what a message may carry as an image.
#include "chat/image_ref.h"

#include <gtest/gtest.h>

namespace kefu::chat {
namespace {

TEST(ImageRef, SmallDataUrlsOfImageTypesAreAccepted) {
  EXPECT_EQ(image_url_problem("data:image/png;base64,iVBORw0KGgo="), "");
  EXPECT_EQ(image_url_problem("data:image/jpeg;base64,/9j/4AAQ"), "");
  EXPECT_EQ(image_url_problem("https://img.example.com/a.jpg?x=1"), "");
}

TEST(ImageRef, OtherTypesMalformedDataAndOversizeAreRefused) {
  EXPECT_NE(image_url_problem("data:text/html;base64,PGgxPg=="), "");
  EXPECT_NE(image_url_problem("data:image/svg+xml;base64,PHN2Zz4="), "");  // scripts in svg
  EXPECT_NE(image_url_problem("data:image/png;base64,not base64!"), "");
  EXPECT_NE(image_url_problem("data:image/png;base64,abc"), "");  // not a multiple of 4
  EXPECT_NE(image_url_problem("data:image/png;base64,"), "");
  std::string big = "data:image/png;base64," + std::string(kMaxInlineImageBytes, 'A');
  EXPECT_NE(image_url_problem(big), "");
}

TEST(ImageRef, OnlyHttpsLinksWithoutSpacesOrQuotes) {
  EXPECT_NE(image_url_problem("http://img.example.com/a.jpg"), "");
  EXPECT_NE(image_url_problem("javascript:alert(1)"), "");
  EXPECT_NE(image_url_problem("https://"), "");
  EXPECT_NE(image_url_problem("https://a.com/x y.jpg"), "");
  EXPECT_NE(image_url_problem("https://a.com/\"onerror=x"), "");
  EXPECT_NE(image_url_problem("https://a.com/" + std::string(kMaxImageLinkBytes, 'a')), "");
}

}  // namespace
}  // namespace kefu::chat
