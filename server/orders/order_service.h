#pragma once
// What agents and supervisors do with orders, notes and follow-ups, whatever the transport
// (the WebSocket's frames in order_requests.h, the supervisors' HTTP in app/): the checks of
// each request, who may do it, and masking the buyer's contact (R-MSG-6).
#include <functional>
#include <string>

#include "kefu/v1/frames.pb.h"
#include "orders/follow_up_store.h"
#include "orders/note_store.h"
#include "orders/order_store.h"

namespace kefu::orders {

// Who asks. Any agent of the shop may read its orders and write notes on them (notes are the
// shop's shared record, R-NOTE-1); only the agent serving the buyer sees their contact.
struct Reader {
  std::string id;
  bool supervisor = false;
};

// How a request went: a store error, or a problem with the request itself (→ invalid argument).
struct Outcome {
  chat::StoreError error = chat::StoreError::None;
  std::string problem;
  bool ok() const { return error == chat::StoreError::None && problem.empty(); }
};

class OrderService {
 public:
  OrderService(OrderStore& orders, NoteStore& notes, FollowUpStore& follow_ups, const Clock& clock)
      : orders_{orders}, notes_{notes}, follow_ups_{follow_ups}, clock_{clock} {}

  // The buyer's orders newest first with their notes, contact masked (a list, R-MSG-6).
  void list_orders(const std::string& shop_id, BuyerBy by, const std::string& id, int limit,
                   std::function<void(Outcome, v1::OrderList)> done);
  // One order with its notes; the contact in full only for the agent serving the buyer.
  void get_order(const std::string& shop_id, const Reader& reader, const std::string& order_id,
                 std::function<void(Outcome, v1::OrderView)> done);
  // Conflict: result.note is the note as it stands.
  void save_note(const std::string& shop_id, const Reader& reader, const v1::SaveNote& req,
                 std::function<void(Outcome, NoteSaveResult)> done);
  void note_history(const std::string& shop_id, const std::string& note_id,
                    std::function<void(Outcome, v1::NoteHistory)> done);
  // The three answer with the reader's follow-ups (a supervisor's: everyone's).
  void set_follow_up(const std::string& shop_id, const Reader& reader, const v1::SetFollowUp& req,
                     std::function<void(Outcome, v1::FollowUpList)> done);
  void complete_follow_up(const std::string& shop_id, const Reader& reader, const std::string& id,
                          std::function<void(Outcome, v1::FollowUpList)> done);
  void list_follow_ups(const std::string& shop_id, const Reader& reader, bool include_done,
                       std::function<void(Outcome, v1::FollowUpList)> done);

  static constexpr int kDefaultOrders = 20;
  static constexpr int kMaxOrders = 100;
  static constexpr std::size_t kMaxNoteBytes = 2000;
  static constexpr std::size_t kMaxIdBytes = 128;

 private:
  OrderStore& orders_;
  NoteStore& notes_;
  FollowUpStore& follow_ups_;
  const Clock& clock_;
};

}  // namespace kefu::orders
