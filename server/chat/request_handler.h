#pragma once
// Requests served outside chat/ (orders, notes and follow-ups live in orders/, which builds on
// chat/): the session hands them the frame and who sent it, and sends back what they answer.
#include <functional>
#include <string>

#include "kefu/v1/frames.pb.h"

namespace kefu::chat {

struct Requester {
  std::string shop_id;
  std::string user_id;
  v1::Role role = v1::ROLE_UNSPECIFIED;
  bool supervisor = false;
};

class RequestHandler {
 public:
  virtual ~RequestHandler() = default;
  virtual bool serves(v1::ClientFrame::BodyCase body) const = 0;
  // Answers on the worker's thread through `reply`, which does nothing once the client is gone.
  virtual void handle(const Requester& who, const v1::ClientFrame& frame,
                      std::function<void(v1::ServerFrame)> reply) = 0;
};

}  // namespace kefu::chat
