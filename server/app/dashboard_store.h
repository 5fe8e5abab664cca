#pragma once
// The Redis side of the supervisors' dashboard (R-SUP-1): the shop's live state in one script
// call (chat/lua/dashboard_state.lua) plus which agents are disabled (a set under the sessions'
// hash tag, so a second, pipelined command), and the queue chart's samples
// (chat/lua/record_queue_sample.lua). Answers on the calling worker's thread.
#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "chat/chat_store.h"
#include "chat/routing_store.h"
#include "redis/client.h"
#include "supervision/dashboard_state.h"

namespace kefu::app {

struct DashboardRead {
  chat::StoreError error = chat::StoreError::None;
  std::vector<supervision::GroupState> groups;  // ids and queues, in the order asked
  std::vector<routing::AgentSnapshot> agents;   // rows, in the order asked
  std::vector<supervision::ActiveConversation> active;
  std::vector<supervision::OverdueFollowUp> follow_ups;
  chat::RotaOverrides rota;
  std::vector<v1::QueueSample> samples;         // since the time asked, oldest first
  std::set<std::string, std::less<>> disabled;  // agent ids
};

class DashboardStore {
 public:
  explicit DashboardStore(redis::Client& redis) : redis_{redis} {}

  void read(const std::string& shop_id, const std::vector<std::string>& group_ids,
            const std::vector<std::string>& agent_ids, std::int64_t now_ms,
            std::int64_t samples_since_ms, std::function<void(DashboardRead)> done);
  // Offers the minute's samples; the first offer of a minute wins (fire and forget).
  void record_samples(const std::string& shop_id, std::int64_t minute_ms,
                      const std::vector<v1::QueueSample>& samples);

 private:
  redis::Client& redis_;
};

}  // namespace kefu::app
