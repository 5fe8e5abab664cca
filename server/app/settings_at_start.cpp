#include "app/settings_at_start.h"

#include <spdlog/spdlog.h>

#include "chat/settings_store.h"

namespace kefu::app {

void load_settings_at_start(chat::ShopDirectory& shops, const redis::Target& target,
                            std::chrono::milliseconds timeout) {
  const auto ids = shops.shop_ids();
  if (ids.empty()) return;
  boost::asio::io_context io;
  redis::Client client{io, target};
  chat::SettingsStore store{client, shops};
  std::size_t left = ids.size();
  bool asked = false;
  client.on_connect([&] {
    if (asked) return;
    asked = true;
    for (const auto& id : ids)
      store.read(id, [&, id](chat::StoreError e, std::optional<v1::ShopSettings> settings) {
        if (e == chat::StoreError::None && settings) store.apply(id, *settings);
        if (--left == 0) io.stop();
      });
  });
  client.start();
  io.run_for(timeout);
  if (left > 0) spdlog::warn("settings: not read from Redis at start; the workers will catch up");
  client.stop();
  io.restart();
  io.run_for(std::chrono::milliseconds{100});  // lets the connection close
}

}  // namespace kefu::app
