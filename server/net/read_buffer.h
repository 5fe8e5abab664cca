#pragma once
// The buffer a WebSocket connection reads its messages into (issue 8: memory per idle
// connection).
//
// Beast prepares the buffer of the next message before any of it has arrived, at its TCP frame
// size (1.5 KB), and the connection holds that for as long as it waits, which for most
// connections is most of the time. While this buffer is empty it reports room for only
// kFirstRoom bytes, so that first preparation is small; once a message's first bytes are in, it
// reports its full room and Beast prepares the rest at the frame's own length. So a message
// longer than kFirstRoom takes one more pass through Beast's read loop, and nothing is
// allocated per message: the memory stays with the connection between messages, unless a long
// message grew it past kKeptCapacity.
#include <cstddef>

#include <boost/beast/core/flat_buffer.hpp>

namespace kefu::net {

class ReadBuffer {
 public:
  // Most client frames (an ack's request, a chat line, a hello with its token) fit.
  static constexpr std::size_t kFirstRoom = 512;
  static constexpr std::size_t kKeptCapacity = 4096;

  using const_buffers_type = boost::beast::flat_buffer::const_buffers_type;
  using mutable_buffers_type = boost::beast::flat_buffer::mutable_buffers_type;

  // Beast's DynamicBuffer (v1) interface, read_message_max still bounding a message.
  std::size_t size() const { return buffer_.size(); }
  std::size_t max_size() const { return buffer_.size() == 0 ? kFirstRoom : buffer_.max_size(); }
  std::size_t capacity() const { return buffer_.capacity(); }
  const_buffers_type data() const { return buffer_.data(); }
  const_buffers_type cdata() const { return buffer_.cdata(); }
  mutable_buffers_type prepare(std::size_t n) { return buffer_.prepare(n); }
  void commit(std::size_t n) { buffer_.commit(n); }
  void consume(std::size_t n) { buffer_.consume(n); }

  // After a message is handled (consumed): a long one's memory goes back.
  void release_if_large() {
    if (buffer_.size() == 0 && buffer_.capacity() > kKeptCapacity) buffer_.shrink_to_fit();
  }

 private:
  boost::beast::flat_buffer buffer_;
};

}  // namespace kefu::net
