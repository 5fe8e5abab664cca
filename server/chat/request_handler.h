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
  // The connection the frame came on (an identity only: a handler that keeps a subscription
  // stops it when the same connection asks).
  const void* connection = nullptr;
};

// Sends a frame to the requesting client; false once the client is gone (so a handler that
// keeps it for later pushes knows to drop it).
using Reply = std::function<bool(v1::ServerFrame)>;

class RequestHandler {
 public:
  virtual ~RequestHandler() = default;
  virtual bool serves(v1::ClientFrame::BodyCase body) const = 0;
  // Answers on the worker's thread through `reply`.
  virtual void handle(const Requester& who, const v1::ClientFrame& frame, Reply reply) = 0;
  // The connection closed: a handler keeping subscriptions for it drops them now, not at its
  // next push.
  virtual void connection_closed(const void* /*connection*/) {}
};

}  // namespace kefu::chat
