#pragma once
// Before a node serves anyone: the supervisors' settings of every shop as Redis has them
// (issue 7), so its first routing decision already follows them. The workers read them again
// whenever their Redis connection (re)connects and on every change announced on the bus.
#include <chrono>

#include "chat/shop_directory.h"
#include "redis/client.h"

namespace kefu::app {

// Blocks the calling (main) thread until every shop's settings were read or `timeout` passed
// (Redis down at start: the workers catch up when they connect). Never on an I/O thread.
void load_settings_at_start(chat::ShopDirectory& shops, const redis::Target& target,
                            std::chrono::milliseconds timeout);

}  // namespace kefu::app
