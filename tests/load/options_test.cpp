#include "options.h"

#include <gtest/gtest.h>

namespace kefu::load {
namespace {

ParsedOptions parse(std::vector<std::string> args) { return parse_options(args); }

TEST(LoadOptions, RoutedWithEverything) {
  auto p =
      parse({"routed", "--config", "c.json", "--password", "pw", "--rate", "2500.5", "--duration",
             "3", "--buyers", "10", "--threads", "2", "--port", "9000", "--reply-every", "0"});
  ASSERT_TRUE(p.options) << p.message;
  const Options& o = *p.options;
  EXPECT_EQ(o.scenario, Scenario::kRouted);
  EXPECT_EQ(o.target, Target::kKefu);
  EXPECT_DOUBLE_EQ(o.rate, 2500.5);
  EXPECT_DOUBLE_EQ(o.duration_s, 3);
  EXPECT_EQ(o.buyers, 10u);
  EXPECT_EQ(o.threads, 2u);
  EXPECT_EQ(o.port, 9000);
  EXPECT_EQ(o.reply_every, 0u);
}

TEST(LoadOptions, EchoNeedsNoConfig) {
  auto p = parse({"new-conversations", "--target", "echo", "--rate", "100"});
  ASSERT_TRUE(p.options) << p.message;
  EXPECT_EQ(p.options->scenario, Scenario::kNewConversations);
  EXPECT_EQ(p.options->target, Target::kEcho);
}

TEST(LoadOptions, MistakesAreUsageErrors) {
  EXPECT_EQ(parse({}).exit_code, 2);
  EXPECT_EQ(parse({"stampede"}).exit_code, 2);
  EXPECT_EQ(parse({"routed", "--target", "echo", "--rate"}).exit_code, 2);
  EXPECT_EQ(parse({"routed", "--target", "echo", "--rate", "-5"}).exit_code, 2);
  EXPECT_EQ(parse({"routed", "--target", "echo", "--sources", "300"}).exit_code, 2);
  EXPECT_EQ(parse({"routed", "--target", "echo", "--bogus", "1"}).exit_code, 2);
  EXPECT_EQ(parse({"routed"}).exit_code, 2);  // kefu needs --config and --password
}

TEST(LoadOptions, HelpIsNotAnError) {
  auto p = parse({"--help"});
  EXPECT_FALSE(p.options);
  EXPECT_EQ(p.exit_code, 0);
  EXPECT_NE(p.message.find("new-conversations"), std::string::npos);
}

}  // namespace
}  // namespace kefu::load
