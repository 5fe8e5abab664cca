// WebSocket conformance (issue 10): raw frames written byte by byte to a real kefu-server after
// the HTTP upgrade, for the cases of the Autobahn test suite that matter to a server (its
// sections 1–7 and 9; the section is named on each test). Autobahn itself cannot run here.
// A protocol error fails the connection with the close code RFC 6455 §7.4.1 gives it; the
// server keeps serving everyone else.
#include <boost/beast/websocket/rfc6455.hpp>

#include "e2e_fixture.h"
#include "raw_ws.h"

namespace kefu::test {
namespace {

constexpr int kNormal = 1000, kProtocolError = 1002, kBadPayload = 1007, kTooBig = 1009;

std::string json_ping(const std::string& request_id, std::size_t pad_to = 0) {
  std::string text = R"({"requestId":")" + request_id + R"(","ping":{}})";
  // JSON allows whitespace anywhere between tokens: pad to reach a frame length.
  if (text.size() < pad_to) text.insert(1, pad_to - text.size(), ' ');
  return text;
}

RawFrame text(std::string payload, bool fin = true) {
  return RawFrame{fin, 0, opcode::kText, true, std::move(payload)};
}
RawFrame frame(std::uint8_t op, std::string payload = {}, bool fin = true) {
  return RawFrame{fin, 0, op, true, std::move(payload)};
}

class WsConformance : public E2E {
 protected:
  // The answer to a JSON ping: a text frame that names the request.
  static void expect_pong(RawWs& ws, const std::string& request_id) {
    auto f = ws.read();
    ASSERT_TRUE(f) << "no answer to " << request_id;
    EXPECT_EQ(f->opcode, opcode::kText);
    EXPECT_FALSE(f->masked) << "a server must not mask (RFC 6455 §5.1)";
    EXPECT_NE(f->payload.find("\"pong\""), std::string::npos) << f->payload;
    EXPECT_NE(f->payload.find(request_id), std::string::npos) << f->payload;
  }
  // The connection failed with `code`, and the TCP connection is gone after it.
  static void expect_failed_with(RawWs& ws, int code) {
    EXPECT_EQ(ws.read_close_code(), code);
    EXPECT_TRUE(ws.tcp_closed()) << "the server must close the TCP connection";
  }
  // Another client still gets answers.
  void expect_still_serving() {
    RawWs other{port()};
    other.send(text(json_ping("bystander")));
    expect_pong(other, "bystander");
  }
};

// ---------- 1: framing ----------

TEST_F(WsConformance, TextFramesOfEveryLengthEncoding) {  // 1.1.1–1.1.6
  RawWs ws{port()};
  // 7-bit, 16-bit (126) and 64-bit (127) payload lengths, at their edges.
  for (std::size_t size :
       {std::size_t{125}, std::size_t{126}, std::size_t{65535}, std::size_t{65536}}) {
    const std::string id = "len-" + std::to_string(size);
    ws.send(text(json_ping(id, size)));
    expect_pong(ws, id);
  }
}

TEST_F(WsConformance, BinaryFramesAreProtobuf) {  // 1.2.x
  RawWs ws{port()};
  v1::ClientFrame ping;
  ping.set_request_id("bin-1");
  ping.mutable_ping();
  ws.send(frame(opcode::kBinary, ping.SerializeAsString()));
  auto f = ws.read();
  ASSERT_TRUE(f);
  EXPECT_EQ(f->opcode, opcode::kBinary);
  v1::ServerFrame answer;
  ASSERT_TRUE(answer.ParseFromString(f->payload));
  EXPECT_EQ(answer.request_id(), "bin-1");
  EXPECT_TRUE(answer.has_pong());
}

TEST_F(WsConformance, EmptyTextFrameIsAMalformedRequestNotAProtocolError) {  // 1.1.1
  RawWs ws{port()};
  ws.send(text(""));
  auto f = ws.read();
  ASSERT_TRUE(f);
  EXPECT_NE(f->payload.find("ERROR_CODE_MALFORMED_FRAME"), std::string::npos) << f->payload;
  ws.send(text(json_ping("after-empty")));
  expect_pong(ws, "after-empty");
}

TEST_F(WsConformance, FrameSplitOverManyWritesIsReassembled) {  // 1.1.x, chopped delivery
  RawWs ws{port()};
  const std::string bytes = RawWs::encode(text(json_ping("chopped", 300)));
  for (char c : bytes) ws.send_bytes(std::string(1, c));
  expect_pong(ws, "chopped");
}

TEST_F(WsConformance, UnmaskedClientFrameFailsTheConnection) {  // RFC 6455 §5.1
  RawWs ws{port()};
  RawFrame f = text(json_ping("unmasked"));
  f.masked = false;
  ws.send(f);
  expect_failed_with(ws, kProtocolError);
  expect_still_serving();
}

// ---------- 2: pings and pongs ----------

TEST_F(WsConformance, PingIsAnsweredWithItsPayload) {  // 2.1, 2.2, 2.3, 2.4
  RawWs ws{port()};
  for (const std::string& payload :
       {std::string{}, std::string{"Hello, world!"}, std::string("\x00\xff\xfe\xfd\xfc", 5),
        std::string(125, '*')}) {
    ws.send(frame(opcode::kPing, payload));
    auto pong = ws.read();
    ASSERT_TRUE(pong);
    EXPECT_EQ(pong->opcode, opcode::kPong);
    EXPECT_EQ(pong->payload, payload);
  }
}

TEST_F(WsConformance, PingOver125BytesFailsTheConnection) {  // 2.5
  RawWs ws{port()};
  ws.send(frame(opcode::kPing, std::string(126, '*')));
  expect_failed_with(ws, kProtocolError);
}

TEST_F(WsConformance, UnsolicitedPongsAreIgnored) {  // 2.7, 2.8
  RawWs ws{port()};
  ws.send(frame(opcode::kPong));
  ws.send(frame(opcode::kPong, "unsolicited"));
  ws.send(text(json_ping("after-pongs")));
  expect_pong(ws, "after-pongs");
}

TEST_F(WsConformance, ManyPingsAreAllAnswered) {  // 2.10, 2.11
  RawWs ws{port()};
  std::string burst;
  for (int i = 0; i < 10; ++i)
    burst += RawWs::encode(frame(opcode::kPing, "p" + std::to_string(i)));
  ws.send_bytes(burst);
  for (int i = 0; i < 10; ++i) {
    auto pong = ws.read();
    ASSERT_TRUE(pong);
    EXPECT_EQ(pong->opcode, opcode::kPong);
    EXPECT_EQ(pong->payload, "p" + std::to_string(i));
  }
}

// ---------- 3: reserved bits ----------

TEST_F(WsConformance, ReservedBitsFailTheConnection) {  // 3.1–3.7
  for (std::uint8_t rsv = 1; rsv <= 7; ++rsv) {
    RawWs ws{port()};
    RawFrame f = rsv % 2 ? text(json_ping("rsv")) : frame(opcode::kPing, "rsv");
    f.rsv = rsv;
    ws.send(f);
    expect_failed_with(ws, kProtocolError);
  }
  expect_still_serving();
}

// ---------- 4: opcodes ----------

TEST_F(WsConformance, ReservedOpcodesFailTheConnection) {  // 4.1.1–4.2.5
  for (std::uint8_t op : {3, 4, 5, 6, 7, 11, 12, 13, 14, 15}) {
    RawWs ws{port()};
    ws.send(frame(op, "x"));
    EXPECT_EQ(ws.read_close_code(), kProtocolError) << "opcode " << int{op};
    EXPECT_TRUE(ws.tcp_closed());
  }
  expect_still_serving();
}

TEST_F(WsConformance, ReservedOpcodeAfterAGoodFrameStillAnswersTheGoodOne) {  // 4.1.3
  RawWs ws{port()};
  ws.send_bytes(RawWs::encode(text(json_ping("before-bad"))) + RawWs::encode(frame(5, "x")));
  expect_pong(ws, "before-bad");
  expect_failed_with(ws, kProtocolError);
}

// ---------- 5: fragmentation ----------

TEST_F(WsConformance, FragmentedTextMessageIsReassembled) {  // 5.3–5.5
  RawWs ws{port()};
  const std::string message = json_ping("fragmented", 90);
  ws.send(text(message.substr(0, 30), false));
  ws.send(frame(opcode::kContinuation, message.substr(30, 30), false));
  ws.send(frame(opcode::kContinuation, message.substr(60), true));
  expect_pong(ws, "fragmented");
}

TEST_F(WsConformance, PingBetweenFragmentsIsAnsweredAtOnce) {  // 5.6–5.8
  RawWs ws{port()};
  const std::string message = json_ping("interleaved");
  ws.send(text(message.substr(0, 10), false));
  ws.send(frame(opcode::kPing, "in-between"));
  auto pong = ws.read();
  ASSERT_TRUE(pong);
  EXPECT_EQ(pong->opcode, opcode::kPong) << "the control frame is answered before the message ends";
  EXPECT_EQ(pong->payload, "in-between");
  ws.send(frame(opcode::kContinuation, message.substr(10), true));
  expect_pong(ws, "interleaved");
}

TEST_F(WsConformance, FragmentedControlFrameFailsTheConnection) {  // 5.1, 5.2
  RawWs ws{port()};
  ws.send(frame(opcode::kPing, "part", false));
  expect_failed_with(ws, kProtocolError);
}

TEST_F(WsConformance, ContinuationWithoutAStartFailsTheConnection) {  // 5.9–5.14
  RawWs ws{port()};
  ws.send(frame(opcode::kContinuation, "orphan", true));
  expect_failed_with(ws, kProtocolError);
}

TEST_F(WsConformance, NewMessageInsideAFragmentedOneFailsTheConnection) {  // 5.18
  RawWs ws{port()};
  ws.send(text("{\"requestId\":", false));
  ws.send(text(json_ping("nested")));
  expect_failed_with(ws, kProtocolError);
}

// ---------- 6: UTF-8 ----------

TEST_F(WsConformance, ValidUtf8IsAcceptedEvenSplitInsideACharacter) {  // 6.2.x, 6.4.x
  RawWs ws{port()};
  // "客服" (E5 AE A2 E6 9C 8D) in the request id, split in the middle of the first character.
  const std::string message = json_ping("utf8-\xe5\xae\xa2\xe6\x9c\x8d");
  const auto split = message.find('\xae');
  ws.send(text(message.substr(0, split), false));
  ws.send(frame(opcode::kContinuation, message.substr(split), true));
  expect_pong(ws, "utf8-\xe5\xae\xa2\xe6\x9c\x8d");
}

TEST_F(WsConformance, InvalidUtf8FailsTheConnection) {  // 6.3, 6.6–6.21
  const std::string bad[] = {
      "\xce\xba\xe1\xbd\xb9\xcf\x83\xce\xbc\xce\xb5\xed\xa0\x80",  // 6.3.1: a UTF-16 surrogate
      "\xc0\xaf",                                                  // 6.8: overlong "/"
      "\xf4\x90\x80\x80",                                          // 6.7: above U+10FFFF
      "\xff",                                                      // never valid
      "\x80",                                                      // a lone continuation byte
  };
  for (const auto& b : bad) {
    RawWs ws{port()};
    ws.send(text("{\"requestId\":\"" + b + "\"}"));
    EXPECT_EQ(ws.read_close_code(), kBadPayload);
    EXPECT_TRUE(ws.tcp_closed());
  }
  expect_still_serving();
}

TEST_F(WsConformance, InvalidUtf8InAFragmentFailsFast) {  // 6.4.1–6.4.4
  RawWs ws{port()};
  // The message is not finished, but its first fragment can already never be valid.
  ws.send(
      text("{\"requestId\":\"\xce\xba\xe1\xbd\xb9\xcf\x83\xce\xbc\xce\xb5\xf4\x90\x80\x80", false));
  expect_failed_with(ws, kBadPayload);
}

// ---------- 7: the close handshake ----------

TEST_F(WsConformance, CloseIsEchoedAndTheConnectionEnds) {  // 7.1.1, 7.3.1
  RawWs ws{port()};
  ws.send(frame(opcode::kClose, RawWs::close_payload(kNormal, "bye")));
  auto close = ws.read();
  ASSERT_TRUE(close);
  EXPECT_EQ(close->opcode, opcode::kClose);
  EXPECT_EQ(close->close_code(), kNormal);
  EXPECT_TRUE(ws.tcp_closed());
}

TEST_F(WsConformance, CloseWithoutACodeIsAnswered) {  // 7.3.1
  RawWs ws{port()};
  ws.send(frame(opcode::kClose));
  auto close = ws.read();
  ASSERT_TRUE(close);
  EXPECT_EQ(close->opcode, opcode::kClose);
  EXPECT_TRUE(close->close_code() == 0 || close->close_code() == kNormal) << close->close_code();
  EXPECT_TRUE(ws.tcp_closed());
}

TEST_F(WsConformance, FramesAfterCloseAreNotAnswered) {  // 7.1.2–7.1.6
  RawWs ws{port()};
  ws.send_bytes(RawWs::encode(frame(opcode::kClose, RawWs::close_payload(kNormal))) +
                RawWs::encode(text(json_ping("after-close"))) +
                RawWs::encode(frame(opcode::kPing, "after-close")));
  auto close = ws.read();
  ASSERT_TRUE(close);
  EXPECT_EQ(close->opcode, opcode::kClose);
  EXPECT_FALSE(ws.read(std::chrono::milliseconds(300))) << "nothing may follow the close";
  EXPECT_TRUE(ws.tcp_closed());
}

TEST_F(WsConformance, CloseWithOneBytePayloadFailsTheConnection) {  // 7.3.2
  RawWs ws{port()};
  ws.send(frame(opcode::kClose, "\x03"));
  expect_failed_with(ws, kProtocolError);
}

TEST_F(WsConformance, CloseReasonOver123BytesFailsTheConnection) {  // 7.3.6
  RawWs ws{port()};
  // 2 bytes of code + 124 of reason = 126 bytes: over the 125 a control frame may carry.
  ws.send(frame(opcode::kClose, RawWs::close_payload(kNormal, std::string(124, 'r'))));
  expect_failed_with(ws, kProtocolError);
}

TEST_F(WsConformance, CloseReasonOfInvalidUtf8FailsTheConnection) {  // 7.5.1
  RawWs ws{port()};
  ws.send(frame(opcode::kClose, RawWs::close_payload(kNormal, "\xce\xba\xe1\xbd\xb9\xed\xa0\x80")));
  const int code = ws.read_close_code();
  EXPECT_TRUE(code == kBadPayload || code == kProtocolError) << code;
  EXPECT_TRUE(ws.tcp_closed());
}

TEST_F(WsConformance, ValidCloseCodesAreEchoed) {  // 7.7.1–7.7.13
  // 1012 and 1013 are registered with IANA (service restart, try again later): valid too.
  for (int code :
       {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 3000, 3999, 4000, 4999}) {
    RawWs ws{port()};
    ws.send(frame(opcode::kClose, RawWs::close_payload(code, "reason")));
    auto close = ws.read();
    ASSERT_TRUE(close) << code;
    EXPECT_EQ(close->opcode, opcode::kClose) << code;
    EXPECT_EQ(close->close_code(), code) << "the server echoes a valid code";
    EXPECT_TRUE(ws.tcp_closed()) << code;
  }
}

TEST_F(WsConformance, InvalidCloseCodesFailTheConnection) {  // 7.9.1–7.9.13
  for (int code : {0, 999, 1004, 1005, 1006, 1014, 1015, 1016, 1100, 2000, 2999, 5000, 65535}) {
    RawWs ws{port()};
    ws.send(frame(opcode::kClose, RawWs::close_payload(code)));
    // Failed: a 1002 close frame, or (codes past 4999, which Beast would echo) the TCP connection
    // closed without one. Never the invalid code echoed back.
    const int answer = ws.read_close_code();
    EXPECT_TRUE(answer == kProtocolError || answer == -1)
        << "close code " << code << " answered with " << answer;
    EXPECT_TRUE(ws.tcp_closed()) << code;
  }
  expect_still_serving();
}

// ---------- 9: limits ----------

TEST_F(WsConformance, MessageJustUnderTheLimitIsServed) {  // 9.1.1–9.2.x, scaled to 64 KiB
  RawWs ws{port()};
  ws.send(text(json_ping("big", 64 * 1024)));
  expect_pong(ws, "big");
}

TEST_F(WsConformance, FrameOverTheLimitClosesWith1009) {  // 9.x, the server's own limit
  RawWs ws{port()};
  ws.send(text(json_ping("too-big", 64 * 1024 + 1)));
  expect_failed_with(ws, kTooBig);
  expect_still_serving();
}

TEST_F(WsConformance, FragmentsAddingUpOverTheLimitCloseWith1009) {  // 9.x, fragmented
  RawWs ws{port()};
  ws.send(text(std::string(40 * 1024, ' '), false));
  ws.send(frame(opcode::kContinuation, std::string(40 * 1024, ' '), false));
  expect_failed_with(ws, kTooBig);
}

TEST_F(WsConformance, AnnouncedHugeLengthIsRefusedWithoutWaitingForIt) {  // 9.x, 2^63 - 1
  RawWs ws{port()};
  std::string header = "\x81\xff";  // FIN, text; masked, 64-bit length
  header += std::string("\x7f\xff\xff\xff\xff\xff\xff\xff", 8);
  header += std::string("\x01\x02\x03\x04", 4);
  ws.send_bytes(header);
  expect_failed_with(ws, kTooBig);
}

}  // namespace
}  // namespace kefu::test
