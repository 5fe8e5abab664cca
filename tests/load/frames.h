#pragma once
// The client frames the simulated buyers and agents send, encoded as binary protobuf
// (kefu.v1.ClientFrame).
#include <string>

namespace kefu::load::frames {

std::string buyer_hello(const std::string& request_id, const std::string& buyer_token);
std::string agent_hello(const std::string& request_id, const std::string& session_token,
                        const std::string& shop_id);
std::string go_online(const std::string& request_id);
std::string start_conversation(const std::string& request_id);
std::string send_message(const std::string& request_id, const std::string& conversation_id,
                         const std::string& client_message_id, const std::string& text);
std::string ping(const std::string& request_id);

}  // namespace kefu::load::frames
