#include "agent.h"

#include "clock.h"
#include "frames.h"
#include "kefu/v1/frames.pb.h"
#include "message_text.h"
#include "options.h"
#include "report_errors.h"
#include "ws_client.h"

namespace kefu::load {

namespace {
constexpr std::int64_t kPingEveryNs = 10 * kNsPerS;  // the server wants one within 45 s
}

Agent::Agent(Worker& worker, const Options& options, std::string shop_id, std::string session_token)
    : worker_{worker},
      options_{options},
      shop_id_{std::move(shop_id)},
      token_{std::move(session_token)},
      acks_{worker.stats()} {}

Agent::~Agent() { close(); }

void Agent::connect(const std::string& source_address) {
  ws_ = WsClient::create(
      worker_.io(),
      {.on_open =
           [this] {
             worker_.stats().add(Count::kConnected);
             ws_->send(frames::agent_hello("h", token_, shop_id_));
           },
       .on_frame = [this](std::string_view payload) { on_frame(payload); },
       .on_closed =
           [this](const std::string& why) {
             worker_.stats().add(online_ ? Count::kDisconnects : Count::kConnectFailures);
             report_error("agent connection: " + why);
             ws_.reset();
           }});
  ws_->connect(source_address, options_.host, options_.port);
}

void Agent::on_frame(std::string_view payload) {
  v1::ServerFrame f;
  if (!f.ParseFromArray(payload.data(), static_cast<int>(payload.size()))) {
    worker_.stats().add(Count::kErrors);
    report_error("agent: undecodable frame");
    return;
  }
  Stats& stats = worker_.stats();
  switch (f.body_case()) {
    case v1::ServerFrame::kWelcome:
      stats.add(Count::kWelcomed);
      ws_->send(frames::go_online("p"));
      return;
    case v1::ServerFrame::kPresenceChanged:
      if (f.request_id() == "p" && !online_ &&
          f.presence_changed().presence() == v1::PRESENCE_ONLINE) {
        online_ = true;
        stats.add(Count::kOnline);
        worker_.at(now_ns() + kPingEveryNs, [this] { keep_alive(); });
      }
      return;
    case v1::ServerFrame::kConversationAssigned:
      stats.add(Count::kAssignedToAgent);
      conversations_.try_emplace(f.conversation_assigned().conversation().id());
      return;
    case v1::ServerFrame::kMessage: {
      const auto& m = f.message().message();
      if (m.sender_role() != v1::ROLE_BUYER) return;  // our own, or the automatic greeting
      auto stamp = read_text(m.text());
      if (!stamp) return;
      const std::int64_t now = now_ns();
      stats.add(Count::kReceived);
      stats.record(Latency::kDelivery, stamp->sent_ns, now);
      auto& conv = conversations_[m.conversation_id()];
      if (!conv.from_buyer.accept(stamp->seq)) stats.add(Count::kOutOfOrder);
      if (options_.reply_every > 0 && stamp->seq % options_.reply_every == 0) {
        const std::int64_t due = now + static_cast<std::int64_t>(options_.think_ms * 1e6);
        stats.add(Count::kRepliesDue);
        worker_.at(due, [this, id = m.conversation_id(), due] { reply(id, due); });
      }
      return;
    }
    case v1::ServerFrame::kAck:
      acks_.on_ack(f.request_id(), f.ack().duplicate());
      return;
    case v1::ServerFrame::kError:
      if (acks_.on_error(f.request_id(), f.error().retryable())) {
        // An answer to a message: counted refused, or an error when not retryable.
        if (!f.error().retryable()) report_error("agent's message refused: " + f.error().text());
        return;
      }
      stats.add(Count::kErrors);
      report_error("agent got error: " + f.error().text());
      return;
    default:
      return;  // pongs, figures and the like
  }
}

void Agent::reply(const std::string& conversation_id, std::int64_t intended_ns) {
  worker_.stats().add(Count::kRepliesSent);
  if (!ws_) return;
  auto& conv = conversations_[conversation_id];
  const std::uint64_t seq = ++conv.replies;
  std::string request_id = "m" + std::to_string(++request_);
  std::string text = make_text({'a', seq, intended_ns}, options_.text_bytes);
  ws_->send(frames::send_message(request_id, conversation_id,
                                 "a" + conversation_id + "-" + std::to_string(seq), text));
  acks_.sent(std::move(request_id), intended_ns);
}

void Agent::keep_alive() {
  if (!ws_) return;
  ws_->send(frames::ping("k"));
  worker_.at(now_ns() + kPingEveryNs, [this] { keep_alive(); });
}

void Agent::close() {
  if (!ws_) return;
  ws_->close();
  ws_.reset();
}

}  // namespace kefu::load
