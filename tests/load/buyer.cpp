#include "buyer.h"

#include <iostream>

#include "clock.h"
#include "frames.h"
#include "kefu/v1/frames.pb.h"
#include "message_text.h"
#include "options.h"
#include "report_errors.h"
#include "ws_client.h"

namespace kefu::load {

Buyer::Buyer(Worker& worker, const Options& options, std::string token, bool start_conversation,
             std::int64_t arrival_ns)
    : worker_{worker},
      options_{options},
      token_{std::move(token)},
      start_conversation_{start_conversation},
      arrival_ns_{arrival_ns},
      acks_{worker.stats()} {}

Buyer::~Buyer() { close(); }

void Buyer::connect(const std::string& source_address) {
  connect_ns_ = now_ns();
  ws_ = WsClient::create(worker_.io(),
                         {.on_open =
                              [this] {
                                worker_.stats().add(Count::kConnected);
                                worker_.stats().record(Latency::kConnect, connect_ns_, now_ns());
                                ws_->send(frames::buyer_hello("h", token_));
                              },
                          .on_frame = [this](std::string_view payload) { on_frame(payload); },
                          .on_closed =
                              [this](const std::string& why) {
                                if (ready_) {
                                  worker_.stats().add(Count::kDisconnects);
                                } else {
                                  worker_.stats().add(Count::kConnectFailures);
                                }
                                report_error("buyer connection: " + why);
                                failed();
                              }});
  ws_->connect(source_address, options_.host, options_.port);
}

void Buyer::on_frame(std::string_view payload) {
  v1::ServerFrame f;
  if (!f.ParseFromArray(payload.data(), static_cast<int>(payload.size()))) {
    worker_.stats().add(Count::kErrors);
    report_error("buyer: undecodable frame");
    return;
  }
  Stats& stats = worker_.stats();
  switch (f.body_case()) {
    case v1::ServerFrame::kWelcome:
      stats.add(Count::kWelcomed);
      if (!start_conversation_) return ready();
      start_sent_ns_ = now_ns();
      ws_->send(frames::start_conversation("s"));
      return;
    case v1::ServerFrame::kConversationStarted: {
      const auto& c = f.conversation_started().conversation();
      conversation_id_ = c.id();
      stats.add(Count::kStarted);
      const std::int64_t now = now_ns();
      stats.record(Latency::kStart, start_sent_ns_, now);
      if (arrival_ns_) stats.record(Latency::kArrivalToStart, arrival_ns_, now);
      if (c.status() == v1::CONVERSATION_STATUS_ASSIGNED) {
        stats.add(Count::kAssignedAtStart);
        ready();
      }
      return;  // queued: conversationAssigned follows when an agent takes it
    }
    case v1::ServerFrame::kConversationAssigned:
      if (f.conversation_assigned().conversation().id() == conversation_id_) ready();
      return;
    case v1::ServerFrame::kAck:
      acks_.on_ack(f.request_id(), f.ack().duplicate());
      return;
    case v1::ServerFrame::kMessage: {
      const auto& m = f.message().message();
      if (m.sender_role() != v1::ROLE_AGENT) return;  // our own, or the automatic greeting
      auto stamp = read_text(m.text());
      if (!stamp) return;  // typed by someone else
      stats.add(Count::kReceived);
      stats.record(Latency::kDelivery, stamp->sent_ns, now_ns());
      if (!from_agent_.accept(stamp->seq)) stats.add(Count::kOutOfOrder);
      return;
    }
    case v1::ServerFrame::kError:
      if (acks_.on_error(f.request_id(), f.error().retryable())) {
        // An answer to a message: counted refused, or an error when not retryable.
        if (!f.error().retryable()) report_error("buyer's message refused: " + f.error().text());
        return;
      }
      stats.add(Count::kErrors);
      report_error("buyer got error: " + f.error().text());
      if (!ready_) failed();
      return;
    default:
      return;  // queue status and the like
  }
}

void Buyer::send_message(std::int64_t intended_ns) {
  if (!ready_ || !ws_) return;
  const std::uint64_t seq = ++seq_;
  std::string request_id = "m" + std::to_string(seq);
  std::string text = make_text({'b', seq, intended_ns}, options_.text_bytes);
  ws_->send(frames::send_message(request_id, conversation_id_, "b" + std::to_string(seq), text));
  acks_.sent(std::move(request_id), intended_ns);
}

void Buyer::ready() {
  if (done_) return;
  done_ = ready_ = true;
  if (on_ready) on_ready();
}

void Buyer::failed() {
  if (done_) return;
  done_ = true;
  if (on_failed) on_failed();
}

void Buyer::close() {
  if (!ws_) return;
  ws_->close();
  ws_.reset();
}

}  // namespace kefu::load
