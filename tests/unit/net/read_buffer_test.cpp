// Issue 8: the WebSocket read buffer is prepared small while a connection waits, and Beast
// still reads every message whole through it: short, at the first room's edges, long, and
// fragmented. Real Beast streams over a loopback socket (synchronous: the same preparation as
// the server's asynchronous read).
#include "net/read_buffer.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/websocket.hpp>

namespace kefu::net {
namespace {

namespace websocket = boost::beast::websocket;
using tcp = boost::asio::ip::tcp;

static_assert(boost::asio::is_dynamic_buffer_v1<ReadBuffer>::value);

// A client writes each message; the server reads them into one ReadBuffer and records, per
// message, its bytes and the buffer's capacity right after the read.
struct Read {
  std::string bytes;
  std::size_t capacity;
};

std::vector<Read> read_through_buffer(const std::vector<std::string>& messages,
                                      std::size_t client_fragment = 0) {
  boost::asio::io_context io;
  tcp::acceptor acceptor(io, tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
  std::vector<Read> reads;
  std::thread server([&] {
    websocket::stream<tcp::socket> ws(acceptor.accept());
    ws.accept();
    ReadBuffer buffer;
    for (std::size_t i = 0; i < messages.size(); ++i) {
      ws.read(buffer);
      const auto data = buffer.cdata();
      reads.push_back(
          {std::string(static_cast<const char*>(data.data()), data.size()), buffer.capacity()});
      buffer.consume(buffer.size());
      buffer.release_if_large();
    }
  });
  websocket::stream<tcp::socket> client(io);
  client.next_layer().connect(acceptor.local_endpoint());
  client.handshake("127.0.0.1", "/");
  if (client_fragment != 0) {
    client.auto_fragment(true);
    client.write_buffer_bytes(client_fragment);
  }
  for (const auto& m : messages) client.write(boost::asio::buffer(m));
  server.join();
  return reads;
}

TEST(ReadBuffer, AWaitingConnectionHoldsOnlyTheFirstRoom) {
  const auto reads = read_through_buffer({std::string(100, 'h')});
  ASSERT_EQ(reads.size(), 1u);
  EXPECT_EQ(reads[0].bytes, std::string(100, 'h'));
  // Beast's own first preparation would be its TCP frame size, 1536 bytes.
  EXPECT_LE(reads[0].capacity, ReadBuffer::kFirstRoom);
}

TEST(ReadBuffer, MessagesOfEverySizeArriveWhole) {
  std::vector<std::string> messages;
  for (std::size_t n : {std::size_t{0}, std::size_t{1}, ReadBuffer::kFirstRoom - 1,
                        ReadBuffer::kFirstRoom, ReadBuffer::kFirstRoom + 1, std::size_t{1536},
                        std::size_t{5000}, std::size_t{200000}, std::size_t{7}}) {
    std::string m(n, 'x');
    for (std::size_t i = 0; i < n; ++i) m[i] = static_cast<char>('a' + i % 26);
    messages.push_back(std::move(m));
  }
  const auto reads = read_through_buffer(messages);
  ASSERT_EQ(reads.size(), messages.size());
  for (std::size_t i = 0; i < messages.size(); ++i)
    EXPECT_EQ(reads[i].bytes, messages[i]) << "message " << i << " of " << messages[i].size();
}

TEST(ReadBuffer, AFragmentedMessageArrivesWhole) {
  std::string m(3000, 'f');
  m.back() = 'z';
  const auto reads = read_through_buffer({m, "after"}, 256);  // frames of 256 bytes
  ASSERT_EQ(reads.size(), 2u);
  EXPECT_EQ(reads[0].bytes, m);
  EXPECT_EQ(reads[1].bytes, "after");
}

TEST(ReadBuffer, ALongMessagesMemoryGoesBackAfterIt) {
  ReadBuffer buffer;
  buffer.commit(boost::asio::buffer_copy(buffer.prepare(10000),
                                         boost::asio::buffer(std::string(10000, 'l'))));
  EXPECT_GE(buffer.capacity(), 10000u);
  buffer.release_if_large();  // not yet consumed: kept
  EXPECT_GE(buffer.capacity(), 10000u);
  buffer.consume(buffer.size());
  buffer.release_if_large();
  EXPECT_EQ(buffer.capacity(), 0u);
}

TEST(ReadBuffer, AShortMessagesMemoryStaysForTheNext) {
  ReadBuffer buffer;
  buffer.commit(
      boost::asio::buffer_copy(buffer.prepare(300), boost::asio::buffer(std::string(300, 's'))));
  buffer.consume(buffer.size());
  buffer.release_if_large();
  EXPECT_GE(buffer.capacity(), 300u);  // no allocation per message on a busy connection
}

}  // namespace
}  // namespace kefu::net
