#include "chat/handover_service.h"

#include "chat/shop_schedules.h"
#include "chat/store_replies.h"
#include "core/keys.h"
#include "shifts/handover.h"
#include "shifts/local_time.h"

namespace kefu::chat {

namespace {

constexpr std::size_t kMaxItems = 50;
constexpr std::size_t kMaxItemBytes = 2000;

shifts::HandoverNote domain_note(const v1::HandoverNote& n) {
  shifts::HandoverNote out;
  out.author_id = n.author_id();
  out.group = n.group();
  out.shift.shift_id = n.shift_id();
  if (auto d = shifts::parse_date(n.shift_date())) out.shift.date = *d;
  out.shift.start = from_ms(n.shift_start_ms());
  out.shift.end = from_ms(n.shift_end_ms());
  out.written_at = from_ms(n.written_at_ms());
  for (const auto& i : n.items())
    out.items.push_back(shifts::HandoverItem{i.kind() == v1::HANDOVER_KIND_PENDING_FOLLOW_UP
                                                 ? shifts::HandoverKind::kPendingFollowUp
                                                 : shifts::HandoverKind::kOpenQuestion,
                                             i.conversation_id(), i.text()});
  return out;
}

}  // namespace

HandoverService::HandoverService(redis::Client& redis, RoutingStore& routing, const Clock& clock)
    : redis_{redis}, routing_{routing}, clock_{clock} {}

void HandoverService::write(const ShopEntry& shop, const v1::AgentAccount& author,
                            const v1::WriteHandover& req,
                            std::function<void(HandoverResult)> done) {
  if (req.items_size() == 0 || static_cast<std::size_t>(req.items_size()) > kMaxItems)
    return done(HandoverResult{StoreError::None, "a handover has 1 to 50 items", {}});
  for (const auto& item : req.items())
    if (item.text().size() > kMaxItemBytes)
      return done(HandoverResult{StoreError::None, "an item's text is over 2000 bytes", {}});
  routing_.rota_overrides(shop.config.id(), [this, &shop, &author, req, done = std::move(done)](
                                                StoreError e, RotaOverrides rota) {
    if (e != StoreError::None) return done(HandoverResult{e, {}, {}});
    const shifts::ShopSchedule schedule = schedule_of(shop, rota);
    const TimePoint now = clock_.now();
    // The shift being handed over: the one the agent is in, or the one they just left.
    auto shift = shifts::current_shift(schedule, author.id(), now);
    if (!shift) shift = shifts::last_ended_shift(schedule, author.id(), now);
    if (!shift) return done(HandoverResult{StoreError::None, "no shift of yours to hand over", {}});
    v1::HandoverNote note;
    note.set_author_id(author.id());
    note.set_group(author.group());
    note.set_shift_id(shift->shift_id);
    note.set_shift_date(shifts::to_string(shift->date));
    note.set_shift_start_ms(to_ms(shift->start));
    note.set_shift_end_ms(to_ms(shift->end));
    note.set_written_at_ms(to_ms(now));
    *note.mutable_items() = req.items();
    if (auto problem = shifts::handover_problem(domain_note(note)))
      return done(HandoverResult{StoreError::None, *problem, {}});
    const std::string key = keys::handovers(shop.config.id()), payload = note.SerializeAsString();
    redis_.command({"XADD", key, "MAXLEN", "~", "10000", "*", "n", payload},
                   [note, done = std::move(done)](const redis::Reply& r) mutable {
                     HandoverResult out;
                     if (r.is_error()) {
                       out.error = error_of(r);
                       return done(std::move(out));
                     }
                     note.set_id(r.str);
                     *out.list.add_notes() = std::move(note);
                     done(std::move(out));
                   });
  });
}

void HandoverService::list(const ShopEntry& shop, const v1::AgentAccount& reader, int limit,
                           std::function<void(HandoverResult)> done) {
  const int wanted = limit > 0 && limit <= 200 ? limit : 50;
  routing_.rota_overrides(shop.config.id(), [this, &shop, &reader, wanted, done = std::move(done)](
                                                StoreError e, RotaOverrides rota) {
    if (e != StoreError::None) return done(HandoverResult{e, {}, {}});
    const std::string key = keys::handovers(shop.config.id());
    redis_.command(
        {"XREVRANGE", key, "+", "-", "COUNT", "1000"},
        [this, &shop, &reader, wanted, rota = std::move(rota),
         done = std::move(done)](const redis::Reply& r) {
          HandoverResult out;
          if (r.is_error()) {
            out.error = error_of(r);
            return done(std::move(out));
          }
          const shifts::ShopSchedule schedule = schedule_of(shop, rota);
          const shifts::HandoverReader who{reader.id(), reader.group(), reader.supervisor()};
          const TimePoint now = clock_.now();
          for (const auto& entry : r.elements) {
            if (out.list.notes_size() >= wanted) break;
            if (entry.elements.size() != 2 || entry.elements[1].elements.size() < 2) continue;
            v1::HandoverNote note;
            if (!note.ParseFromString(entry.elements[1].elements[1].str)) continue;
            note.set_id(entry.elements[0].str);
            if (shifts::may_read_handover(schedule, domain_note(note), who, now))
              *out.list.add_notes() = std::move(note);
          }
          done(std::move(out));
        });
  });
}

void HandoverService::shift_of(const ShopEntry& shop, const std::string& agent_id,
                               std::function<void(StoreError, v1::ShiftInfo)> done) {
  routing_.rota_overrides(shop.config.id(), [this, &shop, agent_id, done = std::move(done)](
                                                StoreError e, RotaOverrides rota) {
    v1::ShiftInfo info;
    if (e != StoreError::None) return done(e, info);
    const shifts::ShopSchedule schedule = schedule_of(shop, rota);
    const TimePoint now = clock_.now();
    auto shift = shifts::current_shift(schedule, agent_id, now);
    info.set_on_shift(shift.has_value());
    if (!shift) shift = shifts::next_shift(schedule, agent_id, now);
    if (shift) {
      info.set_shift_id(shift->shift_id);
      info.set_start_ms(to_ms(shift->start));
      info.set_end_ms(to_ms(shift->end));
    }
    done(StoreError::None, info);
  });
}

}  // namespace kefu::chat
