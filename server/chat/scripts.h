#pragma once
// The Lua scripts of conversations and messages (sources in lua/). Each call is one atomic
// step in Redis; see the header comment of each .lua file for its keys and arguments.
#include "redis/client.h"

namespace kefu::chat {

struct Scripts {
  Scripts();
  redis::Script send_message;
  redis::Script read_messages;
  redis::Script set_presence;
  redis::Script agent_overview;
  redis::Script routing_snapshot;
  redis::Script open_conversation;
  redis::Script drain_queue;
  redis::Script end_conversation;
  redis::Script conversation_snapshot;
  redis::Script transfer_conversation;
  redis::Script auto_end;
  redis::Script regroup_queued;
  redis::Script queue_positions;
  redis::Script rate_conversation;
  redis::Script record_complaint;
  redis::Script update_agent;
  redis::Script mark_read;
  redis::Script save_quick_reply;
  redis::Script buyer_history;
  redis::Script save_settings;
  redis::Script dashboard_state;  // issue 7, R-SUP-1
  redis::Script record_queue_sample;
  redis::Script join_conversation;  // R-SUP-2
};

// Shared by every worker: scripts are immutable once loaded.
const Scripts& scripts();

}  // namespace kefu::chat
