#include "chat/shop_schedules.h"

namespace kefu::chat {

shifts::ShopSchedule schedule_of(const ShopEntry& shop, const RotaOverrides& rota) {
  shifts::ShopSchedule out = shop.rules.schedule;
  for (const auto& [key, shift_ids] : rota) {
    const auto& [agent, date_text] = key;
    auto date = shifts::parse_date(date_text);
    if (!date) continue;
    std::vector<std::string> known;
    for (const auto& id : shift_ids)
      if (out.shifts.contains(id)) known.push_back(id);
    out.rota.assign(agent, *date, std::move(known));
  }
  return out;
}

ShopSchedules::InUse ShopSchedules::for_shop(const ShopEntry& shop, const RotaOverrides& rota) {
  Kept& kept = by_shop_[shop.config.id()];
  if (kept.entry != &shop || kept.rota != rota || !kept.memo) {
    // A new entry (settings changed) or other rota changes: start over.
    kept.memo.reset();
    kept.entry = &shop;
    kept.rota = rota;
    kept.changed =
        rota.empty() ? nullptr : std::make_unique<shifts::ShopSchedule>(schedule_of(shop, rota));
    kept.memo =
        std::make_unique<shifts::OnShiftMemo>(kept.changed ? *kept.changed : shop.rules.schedule);
  }
  return {kept.memo->schedule(), *kept.memo};
}

}  // namespace kefu::chat
