#pragma once
// Notes on orders in Redis (R-NOTE-1): written and edited in one Lua step each, every version
// kept in the note's history, an edit of a version someone else changed refused as a conflict.
// Keys: kefu:{shop}:note:{id} (hash), :note:{id}:history (list), :order:{id}:notes (zset).
#include <functional>
#include <string>
#include <vector>

#include "chat/chat_store.h"
#include "kefu/v1/orders.pb.h"
#include "redis/client.h"

namespace kefu::orders {

struct NoteWrite {
  std::string order_id;
  std::string note_id;  // "" = a new note
  std::string text;
  v1::NoteFlag flag = v1::NOTE_FLAG_UNSPECIFIED;
  int expected_version = 0;  // for an edit
  std::string who;
};

struct NoteSaveResult {
  chat::StoreError error = chat::StoreError::None;  // Conflict: `note` is the current version
  v1::OrderNote note;
  std::string serving_agent;  // the agent serving the order's buyer now ("" if none)
};

class NoteStore {
 public:
  NoteStore(redis::Client& redis, const Clock& clock) : redis_{redis}, clock_{clock} {}

  void save(const std::string& shop_id, const NoteWrite& write,
            std::function<void(NoteSaveResult)> done);
  // The notes of each order (oldest first), in the order of `order_ids`.
  void notes_of(
      const std::string& shop_id, const std::vector<std::string>& order_ids,
      std::function<void(chat::StoreError, std::vector<std::vector<v1::OrderNote>>)> done);
  // The note and all its versions, oldest first.
  void history(
      const std::string& shop_id, const std::string& note_id,
      std::function<void(chat::StoreError, v1::OrderNote, std::vector<v1::NoteRevision>)> done);

 private:
  redis::Client& redis_;
  const Clock& clock_;
};

}  // namespace kefu::orders
