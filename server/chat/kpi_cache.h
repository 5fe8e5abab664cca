#pragma once
// Figures of closed periods, computed once and kept (issue 5): a period is closed once its
// last day's attribution window (R-KPI-6) has passed. Kept per shop in one Redis hash
// (keys::kpi_closed), dropped whole by the scripts that record what could still change a closed
// period: a late payment, a rating, a complaint.
#include <functional>
#include <optional>
#include <string>

#include "chat/chat_store.h"
#include "redis/client.h"

namespace kefu::chat {

class KpiCache {
 public:
  explicit KpiCache(redis::Client& redis) : redis_{redis} {}
  // The kept answer for `query` (any text naming the report exactly), if any.
  void get(const std::string& shop_id, const std::string& query,
           std::function<void(std::optional<std::string>)> done);
  void put(const std::string& shop_id, const std::string& query, const std::string& body);

 private:
  redis::Client& redis_;
};

}  // namespace kefu::chat
