#pragma once
// What a shop's supervisors may change at runtime (issue 7, api.proto ShopSettings), read from
// a shop's current entry and applied over the configuration file's shop. Pure: no I/O.
#include "chat/shop_directory.h"
#include "kefu/v1/api.pb.h"

namespace kefu::chat {

// R-SUP-1: a queue wait past this stands out on the dashboard unless the shop says otherwise.
inline constexpr std::uint32_t kDefaultWaitAlertSeconds = 60;

// The settings as they stand in `shop`, every default spelled out (all eight order states'
// bindings, the preset's shifts, the default quick replies, weights and blackouts), so a
// client shows and edits real values.
v1::ShopSettings settings_of(const ShopEntry& shop);

// The file's shop with `settings` in place of what they cover. Whole lists replace the file's
// (an agent missing from `capacities` gets the level's or shop's default).
v1::Shop with_settings(const v1::Shop& file_shop, const v1::ShopSettings& settings);

std::uint32_t wait_alert_seconds(const v1::Shop& shop);  // R-SUP-1, default 60

}  // namespace kefu::chat

namespace kefu::chat {

// The shop's entry with `settings` applied over the file's shop, at their version; appends what
// is wrong to `problems` (settings that passed check_settings give none).
// `zone`: the shop's time zone, already loaded (the time zone is not a setting).
std::unique_ptr<ShopEntry> entry_with_settings(const v1::Shop& file_shop,
                                               const v1::ShopSettings& settings,
                                               std::vector<std::string>& problems,
                                               std::shared_ptr<const shifts::TimeZone> zone);

}  // namespace kefu::chat
