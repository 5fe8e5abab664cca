#include "chat/kpi_cache.h"

#include "core/keys.h"

namespace kefu::chat {

void KpiCache::get(const std::string& shop_id, const std::string& query,
                   std::function<void(std::optional<std::string>)> done) {
  const std::string key = keys::kpi_closed(shop_id);
  redis_.command({"HGET", key, query}, [done = std::move(done)](const redis::Reply& r) {
    // Any trouble reading the cache only means computing the figures again.
    if (r.is_error() || r.is_nil()) return done(std::nullopt);
    done(r.str);
  });
}

void KpiCache::put(const std::string& shop_id, const std::string& query, const std::string& body) {
  const std::string key = keys::kpi_closed(shop_id);
  redis_.command({"HSET", key, query, body}, [](const redis::Reply&) {});
}

}  // namespace kefu::chat
