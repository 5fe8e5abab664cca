#include "orders/order_service.h"

#include <memory>

#include "orders/follow_up_rules.h"
#include "orders/privacy.h"

namespace kefu::orders {

namespace {

bool bad_id(const std::string& id) { return id.empty() || id.size() > OrderService::kMaxIdBytes; }

Outcome failed(chat::StoreError e) { return Outcome{e, {}}; }
Outcome problem(std::string text) { return Outcome{chat::StoreError::None, std::move(text)}; }

constexpr std::int64_t kDoneShownMs = 7LL * 24 * 60 * 60 * 1000;

}  // namespace

void OrderService::list_orders(const std::string& shop_id, BuyerBy by, const std::string& id,
                               int limit, std::function<void(Outcome, v1::OrderList)> done) {
  if (bad_id(id)) return done(problem("name a buyer or a conversation"), {});
  if (limit <= 0) limit = kDefaultOrders;
  if (limit > kMaxOrders) limit = kMaxOrders;
  orders_.serving(shop_id, by, id, [this, shop_id, limit, done](chat::StoreError e, Serving s) {
    if (e != chat::StoreError::None) return done(failed(e), {});
    orders_.buyer_orders(
        shop_id, s.buyer_id, static_cast<std::size_t>(limit),
        [this, shop_id, s, done](chat::StoreError e, std::vector<v1::Order> orders) {
          if (e != chat::StoreError::None) return done(failed(e), {});
          std::vector<std::string> ids;
          for (const auto& o : orders) ids.push_back(o.order_id());
          notes_.notes_of(shop_id, ids,
                          [s, orders = std::move(orders), done](
                              chat::StoreError e, std::vector<std::vector<v1::OrderNote>> notes) {
                            if (e != chat::StoreError::None) return done(failed(e), {});
                            v1::OrderList list;
                            list.set_buyer_id(s.buyer_id);
                            for (std::size_t i = 0; i < orders.size(); ++i) {
                              auto* view = list.add_orders();
                              *view->mutable_order() = orders[i];
                              mask_contact(*view->mutable_order());
                              view->set_contact_masked(true);
                              for (auto& n : notes[i]) *view->add_notes() = std::move(n);
                            }
                            done(Outcome{}, std::move(list));
                          });
        });
  });
}

void OrderService::get_order(const std::string& shop_id, const Reader& reader,
                             const std::string& order_id,
                             std::function<void(Outcome, v1::OrderView)> done) {
  if (bad_id(order_id)) return done(problem("orderId is required (at most 128 bytes)"), {});
  orders_.serving(
      shop_id, BuyerBy::Order, order_id,
      [this, shop_id, reader, order_id, done](chat::StoreError e, Serving s) {
        if (e != chat::StoreError::None) return done(failed(e), {});
        const bool visible = contact_visible_to(reader.id, s.agent_id);
        orders_.order(
            shop_id, order_id,
            [this, shop_id, visible, done](chat::StoreError e, std::optional<v1::Order> o) {
              if (e != chat::StoreError::None) return done(failed(e), {});
              if (!o) return done(failed(chat::StoreError::NotFound), {});
              const std::vector<std::string> ids{o->order_id()};  // before *o moves below
              notes_.notes_of(
                  shop_id, ids,
                  [visible, order = std::move(*o), done](
                      chat::StoreError e, std::vector<std::vector<v1::OrderNote>> notes) mutable {
                    if (e != chat::StoreError::None) return done(failed(e), {});
                    v1::OrderView view;
                    if (!visible) mask_contact(order);
                    view.set_contact_masked(!visible);
                    *view.mutable_order() = std::move(order);
                    for (auto& n : notes[0]) *view.add_notes() = std::move(n);
                    done(Outcome{}, std::move(view));
                  });
            });
      });
}

void OrderService::save_note(const std::string& shop_id, const Reader& reader,
                             const v1::SaveNote& req,
                             std::function<void(Outcome, NoteSaveResult)> done) {
  if (bad_id(req.order_id())) return done(problem("orderId is required"), {});
  if (req.note_id().size() > kMaxIdBytes) return done(problem("noteId is too long"), {});
  if (req.text().empty() || req.text().size() > kMaxNoteBytes)
    return done(problem("text: 1 to 2000 bytes"), {});
  if (req.flag() == v1::NOTE_FLAG_UNSPECIFIED || !v1::NoteFlag_IsValid(req.flag()))
    return done(problem("flag: NOTE_FLAG_RED (pre-sale), NOTE_FLAG_YELLOW (after-sale), or "
                        "GREEN, BLUE, PURPLE"),
                {});
  if (!req.note_id().empty() && req.expected_version() <= 0)
    return done(problem("expectedVersion: the version of the note being edited"), {});
  NoteWrite w{req.order_id(), req.note_id(),          req.text(),
              req.flag(),     req.expected_version(), reader.id};
  notes_.save(shop_id, w, [done](NoteSaveResult r) { done(Outcome{r.error, {}}, std::move(r)); });
}

void OrderService::note_history(const std::string& shop_id, const std::string& note_id,
                                std::function<void(Outcome, v1::NoteHistory)> done) {
  if (bad_id(note_id)) return done(problem("noteId is required"), {});
  notes_.history(
      shop_id, note_id,
      [done](chat::StoreError e, v1::OrderNote note, std::vector<v1::NoteRevision> revisions) {
        if (e != chat::StoreError::None) return done(failed(e), {});
        v1::NoteHistory h;
        *h.mutable_note() = std::move(note);
        for (auto& r : revisions) *h.add_revisions() = std::move(r);
        done(Outcome{}, std::move(h));
      });
}

void OrderService::set_follow_up(const std::string& shop_id, const Reader& reader,
                                 const v1::SetFollowUp& req,
                                 std::function<void(Outcome, v1::FollowUpList)> done) {
  if (bad_id(req.conversation_id())) return done(problem("conversationId is required"), {});
  if (req.order_id().size() > kMaxIdBytes) return done(problem("orderId is too long"), {});
  if (req.text().empty() || req.text().size() > kMaxNoteBytes)
    return done(problem("text: 1 to 2000 bytes"), {});
  const DueTime due = follow_up_due(req.due_at_ms(), clock_.now_ms());
  if (!due.problem.empty()) return done(problem(due.problem), {});
  FollowUpWrite w{req.conversation_id(), req.order_id(), req.text(), due.due_ms, reader.id,
                  reader.supervisor};
  follow_ups_.set(shop_id, w, [this, shop_id, reader, done](chat::StoreError e, std::string) {
    if (e != chat::StoreError::None) return done(failed(e), {});
    list_follow_ups(shop_id, reader, false, done);
  });
}

void OrderService::complete_follow_up(const std::string& shop_id, const Reader& reader,
                                      const std::string& id,
                                      std::function<void(Outcome, v1::FollowUpList)> done) {
  if (bad_id(id)) return done(problem("followUpId is required"), {});
  follow_ups_.complete(shop_id, id, reader.id, reader.supervisor,
                       [this, shop_id, reader, done](chat::StoreError e) {
                         if (e != chat::StoreError::None) return done(failed(e), {});
                         list_follow_ups(shop_id, reader, false, done);
                       });
}

void OrderService::list_follow_ups(const std::string& shop_id, const Reader& reader,
                                   bool include_done,
                                   std::function<void(Outcome, v1::FollowUpList)> done) {
  const std::int64_t since = include_done ? clock_.now_ms() - kDoneShownMs : 0;
  follow_ups_.list(shop_id, reader.supervisor ? "" : reader.id, since,
                   [done](chat::StoreError e, std::vector<v1::FollowUp> all) {
                     if (e != chat::StoreError::None) return done(failed(e), {});
                     v1::FollowUpList list;
                     for (auto& f : all) *list.add_follow_ups() = std::move(f);
                     done(Outcome{}, std::move(list));
                   });
}

}  // namespace kefu::orders
