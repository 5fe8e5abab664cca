#include "chat/local_registry.h"

#include <algorithm>
#include <unordered_set>

namespace kefu::chat {

std::string LocalRegistry::slot(const std::string& shop_id, const std::string& recipient) {
  std::string s;
  s.reserve(shop_id.size() + 1 + recipient.size());
  s.append(shop_id).push_back('/');
  s.append(recipient);
  return s;
}

void LocalRegistry::add(const std::string& shop_id, const std::string& recipient,
                        const std::shared_ptr<BusListener>& listener) {
  listeners_[slot(shop_id, recipient)].push_back(listener);
}

void LocalRegistry::remove(const std::string& shop_id, const std::string& recipient,
                           const BusListener* listener) {
  auto it = listeners_.find(slot(shop_id, recipient));
  if (it == listeners_.end()) return;
  auto& v = it->second;
  std::erase_if(v, [listener](const std::weak_ptr<BusListener>& w) {
    auto p = w.lock();
    return !p || p.get() == listener;
  });
  if (v.empty()) listeners_.erase(it);
}

std::size_t LocalRegistry::deliver(const std::string& shop_id, const std::string& recipient,
                                   const v1::ServerFrame& frame) {
  // The lookup key in the reused buffer: this runs for every recipient of every bus event.
  key_.assign(shop_id).push_back('/');
  key_.append(recipient);
  auto it = listeners_.find(key_);
  if (it == listeners_.end()) return 0;
  if (it->second.size() == 1) {
    // The usual case, one connection: held by the shared_ptr, the vector is not read again,
    // so no copy of it is needed (issue 8: an allocation per delivery).
    auto p = it->second.front().lock();
    if (!p) return 0;
    p->deliver(frame);
    return 1;
  }
  // Copy first: a listener may remove itself while being delivered to.
  auto targets = it->second;
  std::size_t n = 0;
  for (auto& w : targets) {
    if (auto p = w.lock()) {
      p->deliver(frame);
      ++n;
    }
  }
  return n;
}

bool LocalRegistry::has(std::string_view shop_id, std::string_view recipient) const {
  key_.assign(shop_id).push_back('/');
  key_.append(recipient);
  return listeners_.contains(key_);
}

std::size_t LocalRegistry::size() const {
  std::size_t n = 0;
  for (auto& [_, v] : listeners_) n += v.size();
  return n;
}

void LocalRegistry::tap(const std::string& shop_id, const std::shared_ptr<ShopTap>& tap) {
  auto& v = taps_[shop_id];
  for (auto& w : v)
    if (w.lock() == tap) return;  // once per tap
  v.push_back(tap);
}

void LocalRegistry::untap(const std::string& shop_id, const ShopTap* tap) {
  auto it = taps_.find(shop_id);
  if (it == taps_.end()) return;
  std::erase_if(it->second, [tap](const std::weak_ptr<ShopTap>& w) {
    auto p = w.lock();
    return !p || p.get() == tap;
  });
  if (it->second.empty()) taps_.erase(it);
}

bool LocalRegistry::tapped(std::string_view shop_id) const {
  key_.assign(shop_id);
  return taps_.contains(key_);
}

void LocalRegistry::deliver_to_taps(const std::string& shop_id, const v1::BusEvent& event) {
  auto it = taps_.find(shop_id);
  if (it == taps_.end()) return;
  auto targets = it->second;  // a tap may untap itself meanwhile
  for (auto& w : targets)
    if (auto p = w.lock()) p->on_shop_event(event);
}

void LocalRegistry::missed_events() {
  // Collected first (a listener may leave while catching up), and each once: an agent's
  // session is registered under two addresses.
  std::vector<std::shared_ptr<BusListener>> targets;
  std::unordered_set<const BusListener*> seen;
  for (auto& [_, v] : listeners_)
    for (auto& w : v)
      if (auto p = w.lock(); p && seen.insert(p.get()).second) targets.push_back(std::move(p));
  for (auto& p : targets) p->missed_events();
}

void LocalRegistry::on_catch_up_later(std::function<void()> schedule) {
  schedule_catch_ups_ = std::move(schedule);
}

void LocalRegistry::catch_up_later(const std::shared_ptr<BusListener>& listener) {
  catch_up_later_.push_back(listener);
  if (catch_up_later_.size() == 1 && schedule_catch_ups_) schedule_catch_ups_();
}

void LocalRegistry::retry_catch_ups() {
  // Taken first: a listener Redis refuses again asks again, for the next tick.
  auto due = std::move(catch_up_later_);
  catch_up_later_.clear();
  std::unordered_set<const BusListener*> seen;
  for (auto& w : due)
    if (auto p = w.lock(); p && seen.insert(p.get()).second) p->retry_catch_up();
}

}  // namespace kefu::chat
