#include "chat/score_entries.h"

#include <memory>

#include "chat/store_replies.h"
#include "core/keys.h"

namespace kefu::chat {

namespace {

std::string month_key(const std::string& shop_id, const std::string& month) {
  return keys::shop_key(shop_id, "score:" + month);
}

}  // namespace

void ScoreEntries::read(const std::string& shop_id, const std::string& month,
                        std::function<void(StoreError, MonthEntries)> done) {
  const std::string key = month_key(shop_id, month);
  redis_.command({"HGETALL", key}, [this, key, done = std::move(done)](const redis::Reply& r) {
    if (r.is_error()) return done(error_of(r), {});
    auto out = std::make_shared<MonthEntries>();
    for (std::size_t i = 1; i < r.elements.size(); i += 2) {
      v1::ScoreEntry e;
      if (e.ParseFromString(r.elements[i].str)) out->entries.push_back(std::move(e));
    }
    const std::string adjustments = key + ":adjustments";
    redis_.command({"LRANGE", adjustments, "0", "-1"}, [out, done](const redis::Reply& list) {
      if (list.is_error()) return done(error_of(list), {});
      for (const auto& item : list.elements) {
        v1::ScoreAdjustmentEntry a;
        if (a.ParseFromString(item.str)) out->adjustments.push_back(std::move(a));
      }
      done(StoreError::None, std::move(*out));
    });
  });
}

void ScoreEntries::put_entry(const std::string& shop_id, const std::string& month,
                             const v1::ScoreEntry& e, std::function<void(StoreError)> done) {
  const std::string key = month_key(shop_id, month), log = key + ":log",
                    field = e.agent_id() + "|" + e.part_id(), blob = e.SerializeAsString();
  // Pipelined: the log line first, so an entry is never the latest without being in the log.
  redis_.command({"RPUSH", log, blob}, [](const redis::Reply&) {});
  redis_.command({"HSET", key, field, blob}, [done = std::move(done)](const redis::Reply& r) {
    done(r.is_error() ? error_of(r) : StoreError::None);
  });
}

void ScoreEntries::add_adjustment(const std::string& shop_id, const std::string& month,
                                  const v1::ScoreAdjustmentEntry& a,
                                  std::function<void(StoreError)> done) {
  const std::string key = month_key(shop_id, month) + ":adjustments", blob = a.SerializeAsString();
  redis_.command({"RPUSH", key, blob}, [done = std::move(done)](const redis::Reply& r) {
    done(r.is_error() ? error_of(r) : StoreError::None);
  });
}

}  // namespace kefu::chat
