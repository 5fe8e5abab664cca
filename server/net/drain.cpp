#include "net/drain.h"

namespace kefu::net {

void LiveSessions::add(std::weak_ptr<DrainableSession> session) {
  // Pruned now and then, so a long-lived node with many short connections does not grow.
  if (sessions_.size() >= 64 && sessions_.size() == sessions_.capacity())
    std::erase_if(sessions_, [](const auto& w) { return w.expired(); });
  sessions_.push_back(std::move(session));
}

}  // namespace kefu::net
