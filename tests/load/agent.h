#pragma once
// A simulated agent of kefu-server: with a session token from POST /api/login it says hello,
// goes online, keeps its console alive with a ping every 10 s (R-SHIFT-4), takes the
// conversations routing assigns to it, and answers buyers' messages after a think time.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "ack_tracker.h"
#include "sequence_check.h"
#include "worker.h"

namespace kefu::load {

class WsClient;
struct Options;

class Agent {
 public:
  Agent(Worker& worker, const Options& options, std::string shop_id, std::string session_token);
  ~Agent();
  Agent(const Agent&) = delete;
  Agent& operator=(const Agent&) = delete;

  void connect(const std::string& source_address);
  void close();

 private:
  struct Conversation {
    SequenceCheck from_buyer;
    std::uint64_t replies = 0;
  };

  void on_frame(std::string_view payload);
  void reply(const std::string& conversation_id, std::int64_t intended_ns);
  void keep_alive();

  Worker& worker_;
  const Options& options_;
  std::string shop_id_;
  std::string token_;
  std::shared_ptr<WsClient> ws_;
  bool online_ = false;
  std::uint64_t request_ = 0;
  std::unordered_map<std::string, Conversation> conversations_;
  AckTracker acks_;
};

}  // namespace kefu::load
