#pragma once
// The schedule a routing decision reads, the shop's with its supervisors' rota changes applied
// (R-SHIFT-2), and the worker's memo of on-shift answers for it (issue 8). Both are kept from one
// decision to the next while the shop's entry and its rota changes are the same as last time, so
// the changes are not applied again to a fresh copy and agents' answers carry over.
// One per worker (not thread-safe). What for_shop returns stays valid until the next call for the
// same shop: use it within one decision.
#include <map>
#include <memory>
#include <string>

#include "chat/routing_store.h"
#include "chat/shop_directory.h"
#include "shifts/on_shift_memo.h"
#include "shifts/schedule.h"

namespace kefu::chat {

// The config's schedule with the supervisors' rota changes applied (R-SHIFT-2); shift ids the
// shop no longer defines are dropped.
shifts::ShopSchedule schedule_of(const ShopEntry& shop, const RotaOverrides& rota);

class ShopSchedules {
 public:
  struct InUse {
    const shifts::ShopSchedule& schedule;
    shifts::OnShiftMemo& memo;  // for `schedule`
  };
  InUse for_shop(const ShopEntry& shop, const RotaOverrides& rota);

 private:
  struct Kept {
    const ShopEntry* entry = nullptr;
    RotaOverrides rota;
    std::unique_ptr<shifts::ShopSchedule> changed;  // null: the entry's own schedule
    std::unique_ptr<shifts::OnShiftMemo> memo;
  };
  std::map<std::string, Kept, std::less<>> by_shop_;
};

}  // namespace kefu::chat
