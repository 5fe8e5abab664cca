#pragma once
// Reads the shop's KPI facts stream (keys::kpi_facts, written by the chat scripts as things
// happen) back into the pure KPI code's fact log (kpi/facts.h), so any figure can be
// recomputed from what happened.
#include <functional>
#include <string>

#include "chat/chat_store.h"
#include "kpi/facts.h"
#include "redis/client.h"

namespace kefu::chat {

class KpiFacts {
 public:
  explicit KpiFacts(redis::Client& redis) : redis_{redis} {}
  // The `limit` for reading every fact of the shop (reports, live figures, the dashboard): a
  // shop's month is far below it.
  static constexpr std::size_t kWholeLog = 1'000'000;
  // Every fact of the shop up to the newest, in recording order (at most `limit`).
  void read(const std::string& shop_id, std::size_t limit,
            std::function<void(StoreError, kpi::FactLog)> done);

  // R-KPI-7: a complaint about a conversation (complaint_id "") against the agent who served
  // it, or the dismissal of complaint `complaint_id`. Answers {id, conversation, agent, valid}.
  struct ComplaintRecord {
    std::string id, conversation_id, agent_id;
    bool valid = true;
  };
  void record_complaint(const std::string& shop_id, const std::string& conversation_id,
                        const std::string& complaint_id, const std::string& text,
                        const std::string& who, std::int64_t now_ms,
                        std::function<void(StoreError, ComplaintRecord)> done);

 private:
  redis::Client& redis_;
};

// One stream entry's fields → a fact; nullopt for an entry it does not know.
std::optional<kpi::Fact> fact_from_fields(
    const std::vector<std::pair<std::string, std::string>>& fields);

}  // namespace kefu::chat
