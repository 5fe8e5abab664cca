#include "orders/follow_up_store.h"

#include <array>

#include "chat/store_replies.h"
#include "core/keys.h"
#include "orders/follow_up_rules.h"

namespace kefu::orders {

namespace lua {
extern const std::string_view set_follow_up;
extern const std::string_view complete_follow_up;
extern const std::string_view list_follow_ups;
}  // namespace lua

namespace {

using redis::Reply;

const redis::Script& set_script() {
  static const redis::Script script{std::string{lua::set_follow_up}};
  return script;
}

const redis::Script& complete_script() {
  static const redis::Script script{std::string{lua::complete_follow_up}};
  return script;
}

const redis::Script& list_script() {
  static const redis::Script script{std::string{lua::list_follow_ups}};
  return script;
}

constexpr std::size_t kMaxListed = 500;

}  // namespace

void FollowUpStore::set(const std::string& shop_id, const FollowUpWrite& w,
                        std::function<void(chat::StoreError, std::string)> done) {
  const std::string key = keys::conversation(shop_id, w.conversation_id),
                    prefix = chat::prefix_of(shop_id), due = std::to_string(w.due_ms),
                    now = std::to_string(clock_.now_ms());
  const std::array<std::string_view, 1> k{key};
  const std::array<std::string_view, 8> a{
      prefix, w.conversation_id, w.order_id, w.text, due, w.who, now, w.supervisor ? "1" : "0"};
  set_script().call(redis_, k, a, [done = std::move(done)](const Reply& r) {
    if (r.is_error()) return done(chat::error_of(r), {});
    done(chat::StoreError::None, r.str);
  });
}

void FollowUpStore::complete(const std::string& shop_id, const std::string& id,
                             const std::string& who, bool supervisor,
                             std::function<void(chat::StoreError)> done) {
  const std::string key = keys::shop_key(shop_id, "followup:" + id),
                    prefix = chat::prefix_of(shop_id), now = std::to_string(clock_.now_ms());
  const std::array<std::string_view, 1> k{key};
  const std::array<std::string_view, 5> a{prefix, id, who, now, supervisor ? "1" : "0"};
  complete_script().call(redis_, k, a, [done = std::move(done)](const Reply& r) {
    done(r.is_error() ? chat::error_of(r) : chat::StoreError::None);
  });
}

void FollowUpStore::list(const std::string& shop_id, const std::string& agent_id,
                         std::int64_t done_since_ms,
                         std::function<void(chat::StoreError, std::vector<v1::FollowUp>)> done) {
  const std::string key = keys::shop_key(shop_id, "followups:open"),
                    prefix = chat::prefix_of(shop_id),
                    since = done_since_ms > 0 ? std::to_string(done_since_ms) : "",
                    limit = std::to_string(kMaxListed);
  const std::array<std::string_view, 1> k{key};
  const std::array<std::string_view, 4> a{prefix, agent_id, since, limit};
  const std::int64_t now = clock_.now_ms();
  list_script().call(redis_, k, a, [now, done = std::move(done)](const Reply& r) {
    if (r.is_error()) return done(chat::error_of(r), {});
    std::vector<v1::FollowUp> out;
    for (const Reply& f : r.elements) {
      v1::FollowUp u;
      u.set_id(std::string{chat::str_at(f, 0)});
      u.set_agent_id(std::string{chat::str_at(f, 1)});
      u.set_buyer_id(std::string{chat::str_at(f, 2)});
      u.set_conversation_id(std::string{chat::str_at(f, 3)});
      u.set_order_id(std::string{chat::str_at(f, 4)});
      u.set_text(std::string{chat::str_at(f, 5)});
      u.set_due_at_ms(chat::int_at(f, 6));
      u.set_created_at_ms(chat::int_at(f, 7));
      u.set_done_at_ms(chat::int_at(f, 8));
      u.set_overdue(follow_up_overdue(u.due_at_ms(), u.done_at_ms(), now));
      out.push_back(std::move(u));
    }
    done(chat::StoreError::None, std::move(out));
  });
}

}  // namespace kefu::orders
