#include "frames.h"

#include "kefu/v1/frames.pb.h"

namespace kefu::load::frames {

namespace {
v1::ClientFrame with_id(const std::string& request_id) {
  v1::ClientFrame f;
  f.set_request_id(request_id);
  return f;
}
}  // namespace

std::string buyer_hello(const std::string& request_id, const std::string& buyer_token) {
  auto f = with_id(request_id);
  f.mutable_hello()->set_buyer_token(buyer_token);
  return f.SerializeAsString();
}

std::string agent_hello(const std::string& request_id, const std::string& session_token,
                        const std::string& shop_id) {
  auto f = with_id(request_id);
  f.mutable_hello()->set_agent_session_token(session_token);
  f.mutable_hello()->set_shop_id(shop_id);
  return f.SerializeAsString();
}

std::string go_online(const std::string& request_id) {
  auto f = with_id(request_id);
  f.mutable_set_presence()->set_presence(v1::PRESENCE_ONLINE);
  return f.SerializeAsString();
}

std::string start_conversation(const std::string& request_id) {
  auto f = with_id(request_id);
  f.mutable_start_conversation();
  return f.SerializeAsString();
}

std::string send_message(const std::string& request_id, const std::string& conversation_id,
                         const std::string& client_message_id, const std::string& text) {
  auto f = with_id(request_id);
  auto* m = f.mutable_send_message();
  m->set_conversation_id(conversation_id);
  m->set_client_message_id(client_message_id);
  m->set_text(text);
  return f.SerializeAsString();
}

std::string ping(const std::string& request_id) {
  auto f = with_id(request_id);
  f.mutable_ping();
  return f.SerializeAsString();
}

}  // namespace kefu::load::frames
