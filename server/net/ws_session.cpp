#include "net/ws_session.h"

#include <deque>
#include <string>

#include <spdlog/spdlog.h>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket.hpp>

#include "net/frame_codec.h"

namespace kefu::net {

namespace beast = boost::beast;
namespace websocket = beast::websocket;

namespace {

class WsSession final : public chat::FrameSink, public std::enable_shared_from_this<WsSession> {
 public:
  WsSession(boost::asio::ip::tcp::socket socket, const WorkerEndpoint& worker,
            const NetLimits& limits, ConnectionCounters& counters)
      : ws_{std::move(socket)}, worker_{worker}, limits_{limits}, counters_{counters} {}

  ~WsSession() override { --counters_.websockets; }

  void start(UpgradeRequest request) {
    ++counters_.websockets;
    // Dead peers are found by Beast's idle pings; no permessage-deflate (memory per
    // connection, DESIGN.md).
    ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
    ws_.read_message_max(limits_.max_frame_bytes);
    ws_.set_option(websocket::stream_base::decorator(
        [](websocket::response_type& res) { res.set(beast::http::field::server, "kefu"); }));
    client_ = worker_.new_client(*this);
    ws_.async_accept(request, [self = shared_from_this()](beast::error_code ec) {
      if (ec) return self->finish("accept", ec);
      self->read();
    });
  }

  void send(const v1::ServerFrame& frame) override {
    if (closing_) return;
    if (queue_.size() >= limits_.max_queued_frames) {
      // A client that does not read its frames must not make the server grow without bound.
      spdlog::warn("websocket: send queue full ({} frames), closing slow client", queue_.size());
      closing_ = true;
      // Cut the socket: pending reads and writes fail and finish() cleans up.
      beast::error_code ignored;
      beast::get_lowest_layer(ws_).socket().close(ignored);
      return;
    }
    queue_.push_back(Outgoing{encode_server_frame(frame, format_), format_ == FrameFormat::Json});
    ++counters_.frames_out;
    if (queue_.size() == 1) write_next();
  }

 private:
  struct Outgoing {
    std::string bytes;
    bool text;
  };

  void read() {
    ws_.async_read(buffer_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      self->on_read(ec);
    });
  }

  void on_read(beast::error_code ec) {
    if (ec) return finish("read", ec);
    ++counters_.frames_in;
    format_ = ws_.got_text() ? FrameFormat::Json : FrameFormat::Binary;
    auto data = buffer_.cdata();
    std::string_view payload{static_cast<const char*>(data.data()), data.size()};
    v1::ClientFrame frame;
    DecodeResult decoded = decode_client_frame(payload, format_, frame);
    if (!decoded.ok) {
      spdlog::info("websocket: malformed frame ({} bytes): {}", payload.size(), decoded.error);
      v1::ServerFrame err;
      err.set_request_id(salvage_request_id(payload, format_));
      err.mutable_error()->set_code(v1::ERROR_CODE_MALFORMED_FRAME);
      err.mutable_error()->set_text(decoded.error);
      buffer_.consume(buffer_.size());
      send(err);
    } else {
      buffer_.consume(buffer_.size());
      if (client_) client_->on_frame(std::move(frame));
    }
    if (!closing_) read();
  }

  void write_next() {
    writing_ = true;
    ws_.text(queue_.front().text);
    ws_.async_write(boost::asio::buffer(queue_.front().bytes),
                    [self = shared_from_this()](beast::error_code ec, std::size_t) {
                      self->writing_ = false;
                      if (ec) return self->finish("write", ec);
                      self->queue_.pop_front();
                      if (!self->closing_ && !self->queue_.empty()) self->write_next();
                    });
  }

  void finish(const char* where, beast::error_code ec) {
    if (ec != websocket::error::closed && ec != boost::asio::error::operation_aborted &&
        ec != boost::asio::error::eof && ec != beast::error::timeout) {
      spdlog::info("websocket {}: {}", where, ec.message());
    }
    if (client_) {
      client_->detach();
      client_.reset();
    }
    closing_ = true;
    // A write in flight still reads its frame: keep that one until its handler runs.
    if (!writing_) queue_.clear();
  }

  websocket::stream<beast::tcp_stream> ws_;
  const WorkerEndpoint& worker_;
  const NetLimits& limits_;
  ConnectionCounters& counters_;
  beast::flat_buffer buffer_;
  std::deque<Outgoing> queue_;
  std::shared_ptr<chat::ClientSession> client_;
  FrameFormat format_ = FrameFormat::Binary;
  bool closing_ = false;
  bool writing_ = false;
};

}  // namespace

void run_websocket(boost::asio::ip::tcp::socket socket, UpgradeRequest request,
                   const WorkerEndpoint& worker, const NetLimits& limits,
                   ConnectionCounters& counters) {
  std::make_shared<WsSession>(std::move(socket), worker, limits, counters)
      ->start(std::move(request));
}

}  // namespace kefu::net
