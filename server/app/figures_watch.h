#pragma once
// Today's figures, live over the WebSocket (issue 5): a console sends WatchFigures and gets a
// FiguresUpdate with today's figures (an agent's own, a supervisor's the whole shop's), then a
// new one whenever they change. Every few seconds the worker recomputes the figures of the
// shops someone on it watches, from the recorded facts, and pushes those that changed.
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <string>
#include <vector>

#include "chat/kpi_facts.h"
#include "chat/request_handler.h"
#include "chat/shop_directory.h"
#include "core/clock.h"

namespace kefu::app {

class FiguresWatch final : public chat::RequestHandler {
 public:
  FiguresWatch(boost::asio::io_context& io, chat::KpiFacts& facts, const chat::ShopDirectory& shops,
               const Clock& clock)
      : facts_{facts}, shops_{shops}, clock_{clock}, timer_{io} {}

  bool serves(v1::ClientFrame::BodyCase body) const override;
  void handle(const chat::Requester& who, const v1::ClientFrame& frame, chat::Reply reply) override;

  void start();  // the periodic recomputation, on the worker's thread
  void stop();

  static constexpr std::chrono::seconds kInterval{5};

 private:
  struct Watcher {
    std::string shop_id;
    std::string agent_id;  // "" = the whole shop (supervisors)
    chat::Reply reply;
    std::string last;  // the last report sent, serialized (to push changes only)
  };
  // Recomputes the figures of `shop_id` and sends each watcher of it what changed; `request_id`
  // is set on the first answer to a WatchFigures.
  void refresh(const std::string& shop_id);
  void schedule();

  chat::KpiFacts& facts_;
  const chat::ShopDirectory& shops_;
  const Clock& clock_;
  boost::asio::steady_timer timer_;
  std::vector<Watcher> watchers_;
  bool stopped_ = false;
};

}  // namespace kefu::app
