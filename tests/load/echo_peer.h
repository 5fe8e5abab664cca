#pragma once
// A client of the plain WebSocket echo server (the baseline): the same frames as a buyer,
// bounced straight back. Its "hello" is one round trip; a message counts as acknowledged
// and received when its echo comes back.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "sequence_check.h"
#include "sim_client.h"
#include "worker.h"

namespace kefu::load {

class WsClient;
struct Options;

class EchoPeer final : public SimClient {
 public:
  EchoPeer(Worker& worker, const Options& options, std::string token, std::int64_t arrival_ns = 0);
  ~EchoPeer() override;

  void connect(const std::string& source_address) override;
  void send_message(std::int64_t intended_ns) override;
  void close() override;

 private:
  void on_frame(std::string_view payload);

  Worker& worker_;
  const Options& options_;
  std::string token_;
  std::int64_t arrival_ns_;
  std::int64_t connect_ns_ = 0;
  std::int64_t hello_sent_ns_ = 0;
  std::shared_ptr<WsClient> ws_;
  bool ready_ = false;
  std::uint64_t seq_ = 0;
  SequenceCheck echoes_;
};

}  // namespace kefu::load
