#pragma once
// The users connected to this worker thread, by bus address ("a:<agent>", "b:<buyer>"),
// per shop. One registry per worker thread: it is touched only from that thread.
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kefu/v1/bus.pb.h"
#include "kefu/v1/frames.pb.h"

namespace kefu::chat {

class BusListener {
 public:
  virtual ~BusListener() = default;
  virtual void deliver(const v1::ServerFrame& frame) = 0;
  // The worker's bus subscription was lost and is back (issue 10: Redis restarted): events
  // published meanwhile never arrived. Catch up from Redis what can be caught up.
  virtual void missed_events() = 0;
  // Its catch-up could not be read (Redis refused it: too many commands waiting, or away
  // again) and it asked for another try (LocalRegistry::catch_up_later): read what is still
  // missing.
  virtual void retry_catch_up() = 0;
};

// Follows every event of a shop, whoever it is addressed to: a supervisor monitoring or joined
// to conversations (R-SUP-2) picks those of them.
class ShopTap {
 public:
  virtual ~ShopTap() = default;
  virtual void on_shop_event(const v1::BusEvent& event) = 0;
};

class LocalRegistry {
 public:
  void add(const std::string& shop_id, const std::string& recipient,
           const std::shared_ptr<BusListener>& listener);
  void remove(const std::string& shop_id, const std::string& recipient,
              const BusListener* listener);
  // Delivers the frame to every local listener of the recipient; returns how many got it.
  std::size_t deliver(const std::string& shop_id, const std::string& recipient,
                      const v1::ServerFrame& frame);
  // True when a listener of the recipient is connected to this worker.
  bool has(std::string_view shop_id, std::string_view recipient) const;
  std::size_t size() const;
  // Tells every local listener, once each, that bus events may have been missed.
  void missed_events();
  // A listener whose catch-up Redis refused: the next retry_catch_ups() tells it
  // retry_catch_up() once, however often it asked. The first to ask calls `schedule` (set by
  // the worker, which calls retry_catch_ups() a little later).
  void on_catch_up_later(std::function<void()> schedule);
  void catch_up_later(const std::shared_ptr<BusListener>& listener);
  void retry_catch_ups();

  void tap(const std::string& shop_id, const std::shared_ptr<ShopTap>& tap);
  void untap(const std::string& shop_id, const ShopTap* tap);
  // True when a tap of the shop is on this worker: its events must all be decoded.
  bool tapped(std::string_view shop_id) const;
  void deliver_to_taps(const std::string& shop_id, const v1::BusEvent& event);

 private:
  static std::string slot(const std::string& shop_id, const std::string& recipient);
  std::unordered_map<std::string, std::vector<std::weak_ptr<BusListener>>> listeners_;
  std::unordered_map<std::string, std::vector<std::weak_ptr<ShopTap>>> taps_;
  std::vector<std::weak_ptr<BusListener>> catch_up_later_;
  std::function<void()> schedule_catch_ups_;
  mutable std::string key_;  // has()'s lookup key, reused: it runs for every bus event
};

}  // namespace kefu::chat
