#include "orders/order_requests.h"

#include "chat/error_frames.h"
#include "core/keys.h"

namespace kefu::orders {

namespace {

using chat::Reply;

// The error frame for a failed outcome; `what` names what a NotFound is about.
v1::ServerFrame error_of(const std::string& rid, const Outcome& o, const std::string& what) {
  if (!o.problem.empty()) return chat::error_frame(rid, v1::ERROR_CODE_INVALID_ARGUMENT, o.problem);
  return chat::store_error_frame(rid, o.error, what);
}

// Answers `rid` with `set(frame)` filled in, or with the outcome's error.
template <typename T, typename Set>
std::function<void(Outcome, T)> answer(std::string rid, Reply reply, std::string what, Set set) {
  return [rid = std::move(rid), reply = std::move(reply), what = std::move(what), set](Outcome o,
                                                                                       T value) {
    if (!o.ok()) return void(reply(error_of(rid, o, what)));
    v1::ServerFrame f;
    f.set_request_id(rid);
    set(f, std::move(value));
    reply(std::move(f));
  };
}

}  // namespace

bool OrderRequests::serves(v1::ClientFrame::BodyCase body) const {
  switch (body) {
    case v1::ClientFrame::kListOrders:
    case v1::ClientFrame::kGetOrder:
    case v1::ClientFrame::kSaveNote:
    case v1::ClientFrame::kGetNoteHistory:
    case v1::ClientFrame::kSetFollowUp:
    case v1::ClientFrame::kCompleteFollowUp:
    case v1::ClientFrame::kListFollowUps:
      return true;
    default:
      return false;
  }
}

void OrderRequests::handle(const chat::Requester& who, const v1::ClientFrame& frame, Reply reply) {
  const std::string& rid = frame.request_id();
  // The buyer window shows the order the chat was opened from (issue 6): a buyer may get one
  // of their own orders, without the staff's notes.
  if (who.role == v1::ROLE_BUYER && frame.body_case() == v1::ClientFrame::kGetOrder)
    return buyer_order(who, rid, frame.get_order().order_id(), std::move(reply));
  // Otherwise buyers see their orders on the shop's own pages; these are the staff's requests.
  if (who.role != v1::ROLE_AGENT)
    return void(reply(chat::error_frame(rid, v1::ERROR_CODE_FORBIDDEN, "only the shop's agents")));
  const Reader reader{who.user_id, who.supervisor};
  const std::string& shop = who.shop_id;
  switch (frame.body_case()) {
    case v1::ClientFrame::kListOrders: {
      const auto& l = frame.list_orders();
      const bool by_conv = !l.conversation_id().empty();
      return service_.list_orders(
          shop, by_conv ? BuyerBy::Conversation : BuyerBy::Buyer,
          by_conv ? l.conversation_id() : l.buyer_id(), l.limit(),
          answer<v1::OrderList>(rid, reply, "conversation", [](v1::ServerFrame& f, auto v) {
            *f.mutable_order_list() = std::move(v);
          }));
    }
    case v1::ClientFrame::kGetOrder:
      return service_.get_order(
          shop, reader, frame.get_order().order_id(),
          answer<v1::OrderView>(rid, reply, "order", [](v1::ServerFrame& f, auto v) {
            *f.mutable_order_view() = std::move(v);
          }));
    case v1::ClientFrame::kSaveNote:
      return service_.save_note(
          shop, reader, frame.save_note(),
          [this, rid, reply, shop, me = who.user_id](Outcome o, NoteSaveResult r) {
            if (o.error == chat::StoreError::Conflict) {
              // R-NOTE-1: never overwritten silently; the current note comes with the refusal.
              auto f = chat::error_frame(
                  rid, v1::ERROR_CODE_CONFLICT,
                  "someone changed this note first: here it is as it stands now", true);
              *f.mutable_error()->mutable_current_note() = std::move(r.note);
              return void(reply(std::move(f)));
            }
            if (!o.ok()) return void(reply(error_of(rid, o, "order or note")));
            v1::ServerFrame f;
            f.set_request_id(rid);
            *f.mutable_note_saved()->mutable_note() = r.note;
            reply(f);
            if (r.serving_agent.empty() || r.serving_agent == me) return;
            v1::BusEvent event;
            event.add_recipients(keys::agent_recipient(r.serving_agent));
            *event.mutable_frame()->mutable_note_saved()->mutable_note() = std::move(r.note);
            chat_.publish(shop, event);
          });
    case v1::ClientFrame::kGetNoteHistory:
      return service_.note_history(
          shop, frame.get_note_history().note_id(),
          answer<v1::NoteHistory>(rid, reply, "note", [](v1::ServerFrame& f, auto v) {
            *f.mutable_note_history() = std::move(v);
          }));
    case v1::ClientFrame::kSetFollowUp:
      return service_.set_follow_up(
          shop, reader, frame.set_follow_up(),
          answer<v1::FollowUpList>(rid, reply, "conversation", [](v1::ServerFrame& f, auto v) {
            *f.mutable_follow_up_list() = std::move(v);
          }));
    case v1::ClientFrame::kCompleteFollowUp:
      return service_.complete_follow_up(
          shop, reader, frame.complete_follow_up().follow_up_id(),
          answer<v1::FollowUpList>(rid, reply, "follow-up", [](v1::ServerFrame& f, auto v) {
            *f.mutable_follow_up_list() = std::move(v);
          }));
    case v1::ClientFrame::kListFollowUps:
      return service_.list_follow_ups(
          shop, reader, frame.list_follow_ups().include_done(),
          answer<v1::FollowUpList>(rid, reply, "follow-up", [](v1::ServerFrame& f, auto v) {
            *f.mutable_follow_up_list() = std::move(v);
          }));
    default:
      return void(
          reply(chat::error_frame(rid, v1::ERROR_CODE_UNKNOWN_TYPE, "unknown request type")));
  }
}

void OrderRequests::buyer_order(const chat::Requester& who, const std::string& rid,
                                const std::string& order_id, chat::Reply reply) {
  // Read as nobody in particular: the contact comes masked, and is the buyer's own anyway.
  service_.get_order(
      who.shop_id, Reader{}, order_id,
      [rid, buyer = who.user_id, reply = std::move(reply)](Outcome o, v1::OrderView view) {
        // Someone else's order is as unknown to a buyer as a missing one.
        if (o.ok() && view.order().buyer_id() != buyer) o = Outcome{chat::StoreError::NotFound, ""};
        if (!o.ok()) return void(reply(error_of(rid, o, "order")));
        view.clear_notes();  // R-NOTE-1: notes are the shop's, not the buyer's
        v1::ServerFrame f;
        f.set_request_id(rid);
        *f.mutable_order_view() = std::move(view);
        reply(std::move(f));
      });
}

}  // namespace kefu::orders
