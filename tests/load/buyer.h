#pragma once
// A simulated buyer of kefu-server: connects, says hello with a buyer token signed with the
// shop's secret (auth::sign_buyer_token, as a shop's own servers do), optionally starts a
// conversation, then sends messages into it and checks the agent's answers.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "ack_tracker.h"
#include "sequence_check.h"
#include "sim_client.h"
#include "worker.h"

namespace kefu::load {

class WsClient;
struct Options;

class Buyer final : public SimClient {
 public:
  // arrival_ns: the intended arrival (new conversations are timed from it); 0 = not timed.
  Buyer(Worker& worker, const Options& options, std::string token, bool start_conversation,
        std::int64_t arrival_ns = 0);
  ~Buyer() override;

  void connect(const std::string& source_address) override;
  void send_message(std::int64_t intended_ns) override;
  void close() override;

 private:
  void on_frame(std::string_view payload);
  void ready();
  void failed();

  Worker& worker_;
  const Options& options_;
  std::string token_;
  bool start_conversation_;
  std::int64_t arrival_ns_;
  std::int64_t connect_ns_ = 0;
  std::int64_t start_sent_ns_ = 0;
  std::shared_ptr<WsClient> ws_;
  std::string conversation_id_;
  bool ready_ = false;
  bool done_ = false;  // ready or failed: no second callback
  std::uint64_t seq_ = 0;
  AckTracker acks_;
  SequenceCheck from_agent_;
};

}  // namespace kefu::load
