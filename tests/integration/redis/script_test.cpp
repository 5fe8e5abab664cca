// Script: EVALSHA, the script loaded on each connection before its first call there, and the
// EVAL fallback when Redis has forgotten it all the same (SCRIPT FLUSH).
#include <optional>
#include <string>
#include <vector>

#include "redis_fixture.h"

namespace kefu::redis::itest {
namespace {

const char* kEcho = R"lua(
-- KEYS[1]: a counter; ARGV[1]: a label. Returns {label, new counter value}.
local n = redis.call('INCR', KEYS[1])
return {ARGV[1], n}
)lua";

class ScriptTest : public RedisClientTest {
 protected:
  Reply call_script(Client& client, const Script& script, std::vector<std::string_view> keys,
                    std::vector<std::string_view> args) {
    std::optional<Reply> reply;
    script.call(client, keys, args, [&](const Reply& r) { reply = r; });
    EXPECT_TRUE(run_until([&] { return reply.has_value(); }));
    return reply.value_or(Reply::error("test: no reply"));
  }
};

TEST_F(ScriptTest, Sha1IsTheOneRedisComputes) {
  Script script(kEcho);
  EXPECT_EQ(script.sha1(), server().command_str({"SCRIPT", "LOAD", kEcho}));
  EXPECT_EQ(script.source(), kEcho);
}

TEST_F(ScriptTest, ManyCallsAtOnceOnAFreshRedisAreServedByEvalshaAlone) {
  auto client = connect();
  Script script(kEcho);
  server().command_str({"SCRIPT", "FLUSH"});
  server().command_str({"CONFIG", "RESETSTAT"});
  // All sent before any answer (200 agents logging in at once): none may meet NOSCRIPT.
  constexpr int kCalls = 100;
  int answered = 0, ok = 0;
  for (int i = 0; i < kCalls; ++i)
    script.call(*client, std::vector<std::string_view>{"calls"}, std::vector<std::string_view>{"x"},
                [&](const Reply& r) {
                  ++answered;
                  if (r.type == Reply::Type::Array) ++ok;
                });
  ASSERT_TRUE(run_until([&] { return answered == kCalls; }));
  EXPECT_EQ(ok, kCalls);
  EXPECT_EQ(server().command_str({"GET", "calls"}), std::to_string(kCalls));
  EXPECT_EQ(calls_of(server(), "evalsha"), std::to_string(kCalls));
  EXPECT_EQ(calls_of(server(), "eval"), "0");
  EXPECT_EQ(calls_of(server(), "script|load"), "1");  // once per connection, not per call
}

TEST_F(ScriptTest, FallsBackToEvalAfterScriptFlushAndThenUsesEvalsha) {
  auto client = connect();
  Script script(kEcho);
  ASSERT_EQ(call_script(*client, script, {"calls"}, {"loaded"}).type, Reply::Type::Array);
  // Redis forgets it; this connection already sent it and does not load it again.
  server().command_str({"SCRIPT", "FLUSH"});
  ASSERT_EQ(server().command_str({"SCRIPT", "EXISTS", script.sha1()}), "0");

  std::string label = "first";
  Reply first = call_script(*client, script, {"calls"}, {label});
  ASSERT_EQ(first.type, Reply::Type::Array) << first.str;
  EXPECT_EQ(first.elements.at(0).str, "first");
  EXPECT_EQ(first.elements.at(1).integer, 2);
  // Ran once, not twice (the failed EVALSHA did nothing), and EVAL cached it.
  EXPECT_EQ(server().command_str({"GET", "calls"}), "2");
  EXPECT_EQ(server().command_str({"SCRIPT", "EXISTS", script.sha1()}), "1");

  const std::string evals_before = calls_of(server(), "eval");
  EXPECT_NE(evals_before, "0");
  Reply second = call_script(*client, script, {"calls"}, {"second"});
  EXPECT_EQ(second.elements.at(0).str, "second");
  EXPECT_EQ(second.elements.at(1).integer, 3);
  // The EVAL count did not move: the second call was served by EVALSHA.
  EXPECT_EQ(calls_of(server(), "eval"), evals_before);
}

TEST_F(ScriptTest, FallbackKeepsArgumentsWhoseBuffersAreGone) {
  auto client = connect();
  Script script(kEcho);
  ASSERT_EQ(call_script(*client, script, {"other"}, {"loaded"}).type, Reply::Type::Array);
  server().command_str({"SCRIPT", "FLUSH"});
  std::optional<Reply> reply;
  {
    std::string key = "scoped-key";
    std::string label = "scoped-label";
    std::vector<std::string_view> keys{key};
    std::vector<std::string_view> args{label};
    script.call(*client, keys, args, [&](const Reply& r) { reply = r; });
    key.assign(key.size(), '#');
    label.assign(label.size(), '#');
  }
  ASSERT_TRUE(run_until([&] { return reply.has_value(); }));
  ASSERT_EQ(reply->type, Reply::Type::Array) << reply->str;
  EXPECT_EQ(reply->elements.at(0).str, "scoped-label");
  EXPECT_EQ(server().command_str({"GET", "scoped-key"}), "1");
}

TEST_F(ScriptTest, ScriptErrorsReachTheCaller) {
  auto client = connect();
  Script failing("return redis.call('INCR', KEYS[1])");
  server().command_str({"SET", "text", "not a number"});
  Reply reply = call_script(*client, failing, {"text"}, {});
  EXPECT_TRUE(reply.is_error());
  EXPECT_FALSE(reply.is_unavailable());
}

TEST_F(ScriptTest, UnavailableWhenNotConnected) {
  Client client(io_, endpoint_of(server()));
  Script script(kEcho);
  Reply reply = call_script(client, script, {"k"}, {"v"});
  EXPECT_TRUE(reply.is_unavailable()) << reply.str;
}

}  // namespace
}  // namespace kefu::redis::itest
