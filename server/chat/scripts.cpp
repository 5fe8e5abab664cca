#include "chat/scripts.h"

#include <string>
#include <string_view>

namespace kefu::chat {

namespace lua {
extern const std::string_view send_message;
extern const std::string_view read_messages;
extern const std::string_view set_presence;
extern const std::string_view agent_overview;
extern const std::string_view routing_snapshot;
extern const std::string_view open_conversation;
extern const std::string_view drain_queue;
extern const std::string_view end_conversation;
extern const std::string_view conversation_snapshot;
extern const std::string_view transfer_conversation;
extern const std::string_view auto_end;
extern const std::string_view regroup_queued;
extern const std::string_view queue_positions;
extern const std::string_view rate_conversation;
extern const std::string_view record_complaint;
extern const std::string_view update_agent;
extern const std::string_view mark_read;
extern const std::string_view save_quick_reply;
extern const std::string_view buyer_history;
extern const std::string_view save_settings;
extern const std::string_view dashboard_state;
extern const std::string_view record_queue_sample;
extern const std::string_view join_conversation;
}  // namespace lua

Scripts::Scripts()
    : send_message{std::string{lua::send_message}},
      read_messages{std::string{lua::read_messages}},
      set_presence{std::string{lua::set_presence}},
      agent_overview{std::string{lua::agent_overview}},
      routing_snapshot{std::string{lua::routing_snapshot}},
      open_conversation{std::string{lua::open_conversation}},
      drain_queue{std::string{lua::drain_queue}},
      end_conversation{std::string{lua::end_conversation}},
      conversation_snapshot{std::string{lua::conversation_snapshot}},
      transfer_conversation{std::string{lua::transfer_conversation}},
      auto_end{std::string{lua::auto_end}},
      regroup_queued{std::string{lua::regroup_queued}},
      queue_positions{std::string{lua::queue_positions}},
      rate_conversation{std::string{lua::rate_conversation}},
      record_complaint{std::string{lua::record_complaint}},
      update_agent{std::string{lua::update_agent}},
      mark_read{std::string{lua::mark_read}},
      save_quick_reply{std::string{lua::save_quick_reply}},
      buyer_history{std::string{lua::buyer_history}},
      save_settings{std::string{lua::save_settings}},
      dashboard_state{std::string{lua::dashboard_state}},
      record_queue_sample{std::string{lua::record_queue_sample}},
      join_conversation{std::string{lua::join_conversation}} {}

const Scripts& scripts() {
  static const Scripts instance;
  return instance;
}

}  // namespace kefu::chat
