#pragma once
// The requests the agent console and the buyer window add (issue 6): typing indicators and read
// marks passed to the other party of a conversation, quick replies (R-MSG-3), and the buyer's
// earlier conversations for the agent serving them.
#include "chat/chat_store.h"
#include "chat/request_handler.h"
#include "chat/shop_directory.h"
#include "redis/client.h"

namespace kefu::chat {

class ConsoleRequests : public RequestHandler {
 public:
  ConsoleRequests(redis::Client& redis, ChatStore& store, const ShopDirectory& shops)
      : redis_{redis}, store_{store}, shops_{shops} {}

  bool serves(v1::ClientFrame::BodyCase body) const override;
  void handle(const Requester& who, const v1::ClientFrame& frame, Reply reply) override;

 private:
  void set_typing(const Requester& who, const std::string& rid, const v1::SetTyping& t,
                  Reply reply);
  void mark_read(const Requester& who, const std::string& rid, const v1::MarkRead& m, Reply reply);
  void list_quick_replies(const Requester& who, const std::string& rid, Reply reply);
  void save_quick_reply(const Requester& who, const std::string& rid, const v1::SaveQuickReply& s,
                        Reply reply);
  void delete_quick_reply(const Requester& who, const std::string& rid,
                          const v1::DeleteQuickReply& d, Reply reply);
  void list_history(const Requester& who, const std::string& rid, const v1::ListBuyerHistory& l,
                    Reply reply);
  // Pushes frame to the conversation's other party: the agent when a buyer acts, and back.
  void tell_other_party(const Requester& who, const std::string& buyer, const std::string& agent,
                        const v1::ServerFrame& frame);

  redis::Client& redis_;
  ChatStore& store_;
  const ShopDirectory& shops_;
};

}  // namespace kefu::chat
