#pragma once
// What supervisors enter on the monthly scorecards (R-SCORE-3): points for a part, with who and
// when, and bonus or deduction items. Kept per shop and month in Redis:
// kefu:{shop}:score:{YYYY-MM} (hash "agent|part" → the latest entry), :log (every entry ever
// made, so a changed score can be explained) and :adjustments (list).
#include <functional>
#include <string>
#include <vector>

#include "chat/chat_store.h"
#include "kefu/v1/api.pb.h"

namespace kefu::chat {

struct MonthEntries {
  std::vector<v1::ScoreEntry> entries;  // the latest per agent and part
  std::vector<v1::ScoreAdjustmentEntry> adjustments;
};

class ScoreEntries {
 public:
  explicit ScoreEntries(redis::Client& redis) : redis_{redis} {}

  void read(const std::string& shop_id, const std::string& month,
            std::function<void(StoreError, MonthEntries)> done);
  void put_entry(const std::string& shop_id, const std::string& month, const v1::ScoreEntry& e,
                 std::function<void(StoreError)> done);
  void add_adjustment(const std::string& shop_id, const std::string& month,
                      const v1::ScoreAdjustmentEntry& a, std::function<void(StoreError)> done);

 private:
  redis::Client& redis_;
};

}  // namespace kefu::chat
