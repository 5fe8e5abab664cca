// A worker reads a bus event's recipients without decoding it, to skip events for users it
// does not hold (issue 8); what it reads must be what a full decode would find.
#include "chat/bus.h"

#include <gtest/gtest.h>

namespace kefu::chat {
namespace {

std::string event_with(const std::vector<std::string>& recipients) {
  v1::BusEvent e;
  for (const auto& r : recipients) e.add_recipients(r);
  auto* m = e.mutable_frame()->mutable_message()->mutable_message();
  m->set_conversation_id("c1");
  m->set_text(std::string(300, 'x'));  // lengths past one varint byte
  m->set_sent_at_ms(1795423462604);
  return e.SerializeAsString();
}

TEST(Bus, RecipientsAreReadWithoutDecodingTheFrame) {
  std::vector<std::string_view> got;
  const std::string payload = event_with({"b:buyer-1", "a:a1"});
  ASSERT_TRUE(bus_recipients(payload, got));
  EXPECT_EQ(got, (std::vector<std::string_view>{"b:buyer-1", "a:a1"}));
}

TEST(Bus, RecipientsAppendedByTheStoringScriptAreFound) {
  // send_message.lua appends field 1 (0x0A) and the stream id, field 3 (0x1A), to the event.
  std::string payload = event_with({});
  payload += std::string{"\x0A\x0A"} + "b:buyer-22";
  payload += std::string{"\x1A\x0F"} + "1795423462604-0";
  payload += std::string{"\x0A\x04"} + "a:a2";
  std::vector<std::string_view> got;
  ASSERT_TRUE(bus_recipients(payload, got));
  EXPECT_EQ(got, (std::vector<std::string_view>{"b:buyer-22", "a:a2"}));
  v1::BusEvent decoded;
  ASSERT_TRUE(decode_bus_event(payload, decoded));
  EXPECT_EQ(decoded.recipients_size(), 2);
  EXPECT_EQ(decoded.frame().message().message().id(), "1795423462604-0");
}

TEST(Bus, ATruncatedOrGarbagePayloadIsRefused) {
  const std::string payload = event_with({"b:buyer-1"});
  std::vector<std::string_view> got;
  EXPECT_FALSE(bus_recipients(payload.substr(0, payload.size() - 5), got));
  EXPECT_FALSE(bus_recipients("\x0A\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF", got));
  EXPECT_FALSE(bus_recipients("\x0B", got));  // wire type 3: a group
  EXPECT_TRUE(bus_recipients("", got));
  EXPECT_TRUE(got.empty());
}

}  // namespace
}  // namespace kefu::chat
