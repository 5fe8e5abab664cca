#include "chat/scripts.h"

#include <string>
#include <string_view>

namespace kefu::chat {

namespace lua {
extern const std::string_view start_conversation;
extern const std::string_view send_message;
extern const std::string_view read_messages;
extern const std::string_view set_presence;
extern const std::string_view agent_overview;
}  // namespace lua

Scripts::Scripts()
    : start_conversation{std::string{lua::start_conversation}},
      send_message{std::string{lua::send_message}},
      read_messages{std::string{lua::read_messages}},
      set_presence{std::string{lua::set_presence}},
      agent_overview{std::string{lua::agent_overview}} {}

const Scripts& scripts() {
  static const Scripts instance;
  return instance;
}

}  // namespace kefu::chat
