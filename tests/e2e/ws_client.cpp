#include "ws_client.h"

#include <atomic>
#include <deque>

#include <google/protobuf/util/json_util.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

namespace kefu::test {

namespace beast = boost::beast;
namespace websocket = beast::websocket;

struct WsClient::Impl {
  boost::asio::io_context io;
  websocket::stream<beast::tcp_stream> ws{io};
  beast::flat_buffer buffer;
  bool json = false;
  bool read_pending = false;
  bool read_done = false;
  beast::error_code read_ec;
  bool closed = false;
  std::string last_text;
  // Frames read while waiting for another one: kept for later reads, never dropped.
  std::deque<v1::ServerFrame> backlog;

  std::optional<v1::ServerFrame> read_wire(std::chrono::milliseconds timeout);
};

namespace {
std::atomic<int> request_counter{0};
}

WsClient::WsClient(std::uint16_t port, bool json) : impl_{std::make_unique<Impl>()} {
  impl_->json = json;
  beast::get_lowest_layer(impl_->ws).connect(
      boost::asio::ip::tcp::endpoint{boost::asio::ip::make_address("127.0.0.1"), port});
  impl_->ws.handshake("127.0.0.1:" + std::to_string(port), "/ws");
  impl_->ws.read_message_max(1 << 20);
}

WsClient::~WsClient() {
  beast::error_code ec;
  beast::get_lowest_layer(impl_->ws).socket().close(ec);
}

void WsClient::send(const v1::ClientFrame& frame) {
  if (impl_->json) {
    std::string out;
    (void)google::protobuf::util::MessageToJsonString(frame, &out);
    send_raw(out, true);
  } else {
    send_raw(frame.SerializeAsString(), false);
  }
}

void WsClient::send_raw(const std::string& bytes, bool text) {
  impl_->ws.text(text);
  beast::error_code ec;
  impl_->ws.write(boost::asio::buffer(bytes), ec);
  if (ec) impl_->closed = true;
}

std::optional<v1::ServerFrame> WsClient::read(std::chrono::milliseconds timeout) {
  if (!impl_->backlog.empty()) {
    auto f = std::move(impl_->backlog.front());
    impl_->backlog.pop_front();
    return f;
  }
  return impl_->read_wire(timeout);
}

std::optional<v1::ServerFrame> WsClient::Impl::read_wire(std::chrono::milliseconds timeout) {
  Impl& s = *this;
  if (s.closed) return std::nullopt;
  if (!s.read_pending) {
    s.read_pending = true;
    s.read_done = false;
    s.ws.async_read(s.buffer, [&s](beast::error_code ec, std::size_t) {
      s.read_done = true;
      s.read_ec = ec;
    });
  }
  s.io.restart();
  s.io.run_for(timeout);
  if (!s.read_done) return std::nullopt;
  s.read_pending = false;
  if (s.read_ec) {
    s.closed = true;
    return std::nullopt;
  }
  auto data = s.buffer.cdata();
  std::string payload{static_cast<const char*>(data.data()), data.size()};
  s.buffer.consume(s.buffer.size());
  v1::ServerFrame frame;
  if (s.ws.got_text()) {
    s.last_text = payload;
    if (!google::protobuf::util::JsonStringToMessage(payload, &frame).ok()) return std::nullopt;
  } else if (!frame.ParseFromString(payload)) {
    return std::nullopt;
  }
  return frame;
}

std::optional<v1::ServerFrame> WsClient::read_until(
    const std::function<bool(const v1::ServerFrame&)>& match, std::chrono::milliseconds timeout) {
  auto& backlog = impl_->backlog;
  for (auto it = backlog.begin(); it != backlog.end(); ++it) {
    if (match(*it)) {
      auto f = std::move(*it);
      backlog.erase(it);
      return f;
    }
  }
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return std::nullopt;
    auto f = impl_->read_wire(left);
    if (!f) return std::nullopt;
    if (match(*f)) return f;
    backlog.push_back(std::move(*f));
  }
}

std::optional<v1::ServerFrame> WsClient::answer(const std::string& request_id,
                                                std::chrono::milliseconds timeout) {
  return read_until([&](const v1::ServerFrame& f) { return f.request_id() == request_id; },
                    timeout);
}

std::optional<v1::ServerFrame> WsClient::request(v1::ClientFrame frame,
                                                 std::chrono::milliseconds timeout) {
  if (frame.request_id().empty()) frame.set_request_id("r" + std::to_string(++request_counter));
  send(frame);
  return answer(frame.request_id(), timeout);
}

bool WsClient::closed() const { return impl_->closed; }

int WsClient::close_code() const { return static_cast<int>(impl_->ws.reason().code); }

std::string WsClient::last_text() const { return impl_->last_text; }

}  // namespace kefu::test
