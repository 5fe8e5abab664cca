#pragma once
// Checks a supervisor's ShopSettings before anything is applied (issue 7): the first problem
// found, named by its field in protobuf's JSON mapping ("shifts[1].start", "bindings[shipped]")
// so a client can point at it. Uses the config loader's own parsers (times, dates, order states,
// levels, blackout days, quick replies, scorecard templates), so the file and the settings page
// accept exactly the same values. Pure: no I/O.
#include <optional>
#include <string>

#include "kefu/v1/api.pb.h"
#include "kefu/v1/config.pb.h"

namespace kefu::chat {

struct SettingsProblem {
  std::string field;
  std::string message;
};

// `file_shop` is the configuration file's shop (its agents, default group and time zone are
// not settings).
std::optional<SettingsProblem> check_settings(const v1::Shop& file_shop,
                                              const v1::ShopSettings& settings);

inline constexpr std::uint32_t kMaxCapacity = 100;  // R-ROUTE-7: the same bound as PUT capacity
inline constexpr std::size_t kMaxAutoGreetingBytes = 2000;

}  // namespace kefu::chat
