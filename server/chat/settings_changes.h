#pragma once
// What a supervisor's settings change did, one human-readable line per field changed, for the
// change log (issue 7): "capacity a1: 2 → 3", "binding shipped: aftersale → presale",
// "shift early start: 08:00 → 07:30". Pure: no I/O.
#include <string>
#include <vector>

#include "kefu/v1/api.pb.h"

namespace kefu::chat {

// Empty when nothing changed. Both settings complete (as settings_of gives them).
std::vector<std::string> describe_changes(const v1::ShopSettings& before,
                                          const v1::ShopSettings& after);

}  // namespace kefu::chat
