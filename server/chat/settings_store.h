#pragma once
// The Redis side of the shop's settings (issue 7): the supervisors' overlay over the
// configuration file (keys::shop_settings), its change log (keys::settings_changes), and
// keeping this node's ShopDirectory up to date with them.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "chat/chat_store.h"
#include "chat/shop_directory.h"
#include "kefu/v1/api.pb.h"
#include "redis/client.h"

namespace kefu::chat {

inline constexpr int kKeptSettingsChanges = 1000;

class SettingsStore {
 public:
  SettingsStore(redis::Client& redis, ShopDirectory& shops) : redis_{redis}, shops_{shops} {}

  // The stored settings; nullopt when the supervisors never changed the file's.
  void read(const std::string& shop_id,
            std::function<void(StoreError, std::optional<v1::ShopSettings>)> done);
  // Stores `settings` (at before.version() + 1) with its change log entry, only if the stored
  // version is still before.version() (else StoreError::Conflict); drops the quick same-day
  // capacity and rota changes of what the settings change (the latest change wins); and tells
  // every worker of every node over the bus. Publishes the new entry on this node before
  // answering. Both settings complete (settings_of).
  void save(const std::string& shop_id, const v1::ShopSettings& before,
            const v1::ShopSettings& settings, const v1::ConfigChange& change,
            std::function<void(StoreError)> done);
  // The newest `limit` changes, newest first.
  void changes(const std::string& shop_id, int limit,
               std::function<void(StoreError, v1::ConfigChangeList)> done);

  // Reads the shop's stored settings and makes them this node's current entry when newer than
  // it (a bus event, a reconnect, the start). A stored body this server cannot build (written by
  // a newer version?) is logged and left aside: the shop keeps its current rules.
  void refresh(const std::string& shop_id);
  // Publishes `settings` on this node when newer than the current entry.
  void apply(const std::string& shop_id, const v1::ShopSettings& settings);

 private:
  redis::Client& redis_;
  ShopDirectory& shops_;
};

}  // namespace kefu::chat
