#include "echo_peer.h"

#include "clock.h"
#include "frames.h"
#include "kefu/v1/frames.pb.h"
#include "message_text.h"
#include "options.h"
#include "report_errors.h"
#include "ws_client.h"

namespace kefu::load {

EchoPeer::EchoPeer(Worker& worker, const Options& options, std::string token,
                   std::int64_t arrival_ns)
    : worker_{worker}, options_{options}, token_{std::move(token)}, arrival_ns_{arrival_ns} {}

EchoPeer::~EchoPeer() { close(); }

void EchoPeer::connect(const std::string& source_address) {
  connect_ns_ = now_ns();
  ws_ = WsClient::create(
      worker_.io(),
      {.on_open =
           [this] {
             worker_.stats().add(Count::kConnected);
             hello_sent_ns_ = now_ns();
             worker_.stats().record(Latency::kConnect, connect_ns_, hello_sent_ns_);
             ws_->send(frames::buyer_hello("h", token_));
           },
       .on_frame = [this](std::string_view payload) { on_frame(payload); },
       .on_closed =
           [this](const std::string& why) {
             worker_.stats().add(ready_ ? Count::kDisconnects : Count::kConnectFailures);
             report_error("echo connection: " + why);
             if (!ready_ && on_failed) on_failed();
           }});
  ws_->connect(source_address, options_.host, options_.port);
}

void EchoPeer::on_frame(std::string_view payload) {
  v1::ClientFrame f;  // our own frame, bounced
  if (!f.ParseFromArray(payload.data(), static_cast<int>(payload.size()))) {
    worker_.stats().add(Count::kErrors);
    return;
  }
  Stats& stats = worker_.stats();
  const std::int64_t now = now_ns();
  if (f.has_hello()) {
    // Stands for hello + startConversation: one round trip after the handshake.
    stats.add(Count::kWelcomed);
    stats.add(Count::kStarted);
    stats.record(Latency::kStart, hello_sent_ns_, now);
    if (arrival_ns_) stats.record(Latency::kArrivalToStart, arrival_ns_, now);
    ready_ = true;
    if (on_ready) on_ready();
    return;
  }
  if (!f.has_send_message()) return;
  auto stamp = read_text(f.send_message().text());
  if (!stamp) return;
  stats.add(Count::kAcked);
  stats.add(Count::kReceived);
  stats.record(Latency::kAck, stamp->sent_ns, now);
  stats.record(Latency::kDelivery, stamp->sent_ns, now);
  if (!echoes_.accept(stamp->seq)) stats.add(Count::kOutOfOrder);
}

void EchoPeer::send_message(std::int64_t intended_ns) {
  if (!ready_ || !ws_) return;
  const std::uint64_t seq = ++seq_;
  std::string text = make_text({'b', seq, intended_ns}, options_.text_bytes);
  ws_->send(frames::send_message("m", "echo", "b" + std::to_string(seq), text));
  worker_.stats().add(Count::kSent);
}

void EchoPeer::close() {
  if (!ws_) return;
  ws_->close();
  ws_.reset();
}

}  // namespace kefu::load
