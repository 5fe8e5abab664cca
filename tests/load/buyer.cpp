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
      arrival_ns_{arrival_ns} {}

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
    case v1::ServerFrame::kAck: {
      auto it = unacked_.find(f.ack().client_message_id());
      if (it == unacked_.end()) return;  // not ours to count (never happens)
      stats.add(Count::kAcked);
      if (f.ack().duplicate()) stats.add(Count::kDuplicateAcks);
      stats.record(Latency::kAck, it->second, now_ns());
      unacked_.erase(it);
      return;
    }
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
  std::string cmid = "b" + std::to_string(seq);
  std::string text = make_text({'b', seq, intended_ns}, options_.text_bytes);
  ws_->send(frames::send_message("m" + std::to_string(++request_), conversation_id_, cmid, text));
  unacked_.emplace(std::move(cmid), intended_ns);
  worker_.stats().add(Count::kSent);
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
