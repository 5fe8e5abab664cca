#include "chat/routing_store.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <span>

#include "chat/scripts.h"
#include "chat/store_replies.h"
#include "core/keys.h"

namespace kefu::chat {

using redis::Reply;

namespace {

std::optional<TimePoint> time_of(std::string_view ms) {
  if (ms.empty()) return std::nullopt;
  return from_ms(int_of(ms));
}

routing::Presence routing_presence(std::string_view name) {
  auto p = routing::parse_presence(name);
  return p ? *p : routing::Presence::kOffline;
}

v1::Conversation conversation_of(const Reply& r, std::size_t first, const std::string& shop_id) {
  // {..., id, status, agent, group, created_at, order_id, ...} from index `first`
  v1::Conversation c;
  c.set_id(std::string{str_at(r, first)});
  c.set_status(status_from_name(str_at(r, first + 1)));
  c.set_agent_id(std::string{str_at(r, first + 2)});
  c.set_group(std::string{str_at(r, first + 3)});
  c.set_created_at_ms(int_at(r, first + 4));
  c.set_order_id(std::string{str_at(r, first + 5)});
  c.set_shop_id(shop_id);
  return c;
}

// An agent row as lib/agent_row.lua packs it: "presence|load|last_assigned|heartbeat_at|
// activity_at|presence_since|capacity_override", absent fields empty.
routing::AgentSnapshot agent_of_row(std::string_view row, const std::string& agent_id) {
  std::array<std::string_view, 7> f{};
  for (std::size_t i = 0; i < f.size(); ++i) {
    const auto bar = row.find('|');
    f[i] = row.substr(0, bar);
    if (bar == std::string_view::npos) break;
    row.remove_prefix(bar + 1);
  }
  routing::AgentSnapshot s;
  s.id = agent_id;
  s.presence = routing_presence(f[0]);
  s.active_conversations = f[1].empty() ? 0 : static_cast<int>(int_of(f[1]));
  s.last_assigned_at = time_of(f[2]);
  s.last_heartbeat = time_of(f[3]);
  s.last_activity = time_of(f[4]);
  if (s.presence == routing::Presence::kAway) s.away_since = time_of(f[5]);
  // A supervisor's runtime capacity (0 is a valid "take nothing new"); -1 = none.
  s.capacity = f[6].empty() ? -1 : static_cast<int>(int_of(f[6]));
  return s;
}

// Candidates as the scripts take them: agent id, capacity, rule. Only the first
// routing::kMaxCandidates (escalations list every supervisor): Redis turns every argument into
// a Lua string, and a shop of hundreds of agents paid for hundreds per decision (issue 8).
struct CandidateArgs {
  std::vector<std::string> caps;
  explicit CandidateArgs(const std::vector<routing::Candidate>& all) {
    const std::span cs{all.data(), std::min(all.size(), routing::kMaxCandidates)};
    caps.reserve(cs.size());
    for (const auto& c : cs) caps.push_back(std::to_string(c.capacity));
  }
  void append(const std::vector<routing::Candidate>& cs,
              std::vector<std::string_view>& args) const {
    args.reserve(args.size() + 3 * caps.size());
    for (std::size_t i = 0; i < caps.size(); ++i) {
      args.push_back(cs[i].agent_id);
      args.push_back(caps[i]);
      args.push_back(routing::rule_label(cs[i].rule));
    }
  }
};

std::string score_text(double score) {
  char text[32];
  std::snprintf(text, sizeof text, "%.17g", score);
  return text;
}

std::vector<routing::WaitSample> samples_of(const Reply& list) {
  std::vector<routing::WaitSample> out;
  for (const Reply& e : list.elements) {
    auto colon = e.str.find(':');
    if (colon == std::string::npos) continue;
    routing::WaitSample s;
    s.waited = Millis{int_of(std::string_view{e.str}.substr(0, colon))};
    s.position_at_enqueue = static_cast<int>(int_of(std::string_view{e.str}.substr(colon + 1)));
    out.push_back(s);
  }
  return out;
}

void add_agent_ids(const AgentRowsSince& since, std::vector<std::string_view>& args) {
  if (!since.epoch.empty() || !since.agent_ids) return;
  for (const auto& id : *since.agent_ids) args.push_back(id);
}

// {epoch, version, full, agent, row, ...} as agent_rows_since returns it; {} = not asked.
AgentRows agent_rows_of(const Reply& r) {
  AgentRows out;
  if (r.elements.size() < 3) return out;
  out.epoch = r.elements[0].str;
  out.version = int_of(r.elements[1].str);
  out.full = r.elements[2].str == "1";
  out.changed.reserve((r.elements.size() - 3) / 2);
  for (std::size_t i = 3; i + 1 < r.elements.size(); i += 2)
    out.changed.push_back(agent_of_row(r.elements[i + 1].str, r.elements[i].str));
  return out;
}

}  // namespace

std::vector<routing::AgentSnapshot> agents_of_rows(std::string_view rows,
                                                   const std::vector<std::string>& agent_ids) {
  std::vector<routing::AgentSnapshot> out;
  out.reserve(agent_ids.size());
  for (const auto& id : agent_ids) {
    if (rows.empty()) break;
    const auto newline = rows.find('\n');
    out.push_back(agent_of_row(rows.substr(0, newline), id));
    rows = newline == std::string_view::npos ? std::string_view{} : rows.substr(newline + 1);
  }
  return out;
}

RotaOverrides rota_of(const Reply& hash) {
  RotaOverrides out;
  for (std::size_t i = 0; i + 1 < hash.elements.size(); i += 2) {
    const std::string& field = hash.elements[i].str;
    auto bar = field.find('|');
    if (bar == std::string::npos) continue;
    std::vector<std::string> shifts;
    std::string_view rest = hash.elements[i + 1].str;
    while (!rest.empty()) {
      auto comma = rest.find(',');
      shifts.emplace_back(rest.substr(0, comma));
      rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    }
    out[{field.substr(bar + 1), field.substr(0, bar)}] = std::move(shifts);
  }
  return out;
}

routing::OrderState order_state_from_event_name(std::string_view name) {
  using routing::OrderState;
  if (name == "UNPAID") return OrderState::kCreatedUnpaid;
  if (name == "PAID") return OrderState::kPaidNotShipped;
  if (name == "SHIPPED") return OrderState::kShipped;
  if (name == "DELIVERED") return OrderState::kDelivered;
  if (name == "COMPLETED") return OrderState::kCompleted;
  if (name == "AFTER_SALE") return OrderState::kAfterSaleInProgress;
  if (name == "CLOSED") return OrderState::kClosed;
  return OrderState::kNone;
}

RoutingStore::RoutingStore(redis::Client& redis, const Clock& clock)
    : redis_{redis}, clock_{clock} {}

void RoutingStore::snapshot(const std::string& shop_id, const std::string& buyer_id,
                            const std::string& opened_from, const AgentRowsSince& since,
                            std::function<void(RoutingSnapshot)> done) {
  const std::array<std::string, 5> k{
      keys::buyer_active_conversation(shop_id, buyer_id), keys::buyer_orders(shop_id, buyer_id),
      keys::buyer_last_agent(shop_id, buyer_id), keys::round_robin_cursors(shop_id),
      keys::rota_overrides(shop_id)};
  const std::array<std::string_view, 5> kv{k[0], k[1], k[2], k[3], k[4]};
  const std::string prefix = prefix_of(shop_id);
  const std::string version = std::to_string(since.version);
  std::vector<std::string_view> args{prefix, opened_from,
                                     since.wanted ? std::string_view{since.epoch} : "-", version};
  if (since.wanted) add_agent_ids(since, args);
  scripts().routing_snapshot.call(
      redis_, kv, args, [shop_id, buyer_id, done = std::move(done)](const Reply& r) {
        RoutingSnapshot out;
        if (r.is_error() || r.elements.size() != 6) {
          out.error = r.is_error() ? error_of(r) : StoreError::Internal;
          return done(std::move(out));
        }
        out.rota = rota_of(r.elements[5]);
        const Reply& cursors = r.elements[4];
        for (std::size_t i = 0; i + 1 < cursors.elements.size(); i += 2)
          out.round_robin_cursors[cursors.elements[i].str] = cursors.elements[i + 1].str;
        const Reply& open = r.elements[0];
        if (open.elements.size() >= 7) {
          out.latest = conversation_of(open, 0, shop_id);
          out.latest->set_buyer_id(buyer_id);
          out.latest_ended_at_ms = int_at(open, 6);
        }
        for (const Reply& o : r.elements[1].elements) {
          routing::OrderSnapshot order;
          order.id = std::string{str_at(o, 0)};
          order.state = order_state_from_event_name(str_at(o, 1));
          order.updated_at = from_ms(int_at(o, 2));
          out.orders.push_back(std::move(order));
        }
        const Reply& sticky = r.elements[2];
        if (sticky.elements.size() == 2)
          out.last_agent =
              routing::StickyHint{std::string{str_at(sticky, 0)}, from_ms(int_at(sticky, 1))};
        out.agent_rows = agent_rows_of(r.elements[3]);
        done(std::move(out));
      });
}

void RoutingStore::open(const OpenRequest& req, std::function<void(OpenResult)> done) {
  const std::array<std::string, 6> k{keys::buyer_active_conversation(req.shop_id, req.buyer_id),
                                     keys::conversation_counter(req.shop_id),
                                     keys::queue(req.shop_id, req.group),
                                     keys::routing_audit(req.shop_id),
                                     keys::buyer_last_agent(req.shop_id, req.buyer_id),
                                     keys::round_robin_cursors(req.shop_id)};
  const std::array<std::string_view, 6> kv{k[0], k[1], k[2], k[3], k[4], k[5]};
  const std::string prefix = prefix_of(req.shop_id), now = std::to_string(clock_.now_ms()),
                    window = std::to_string(req.same_session_window_ms);
  const std::string score = score_text(req.queue_score);
  const CandidateArgs cands{req.candidates};
  std::vector<std::string_view> args{prefix,       req.buyer_id, now,
                                     req.order_id, req.group,    req.left_message ? "left" : "live",
                                     score,        window,       req.audit};
  cands.append(req.candidates, args);
  scripts().open_conversation.call(
      redis_, kv, args,
      [shop_id = req.shop_id, buyer_id = req.buyer_id, done = std::move(done)](const Reply& r) {
        OpenResult out;
        if (r.is_error() || r.elements.size() < 9) {
          out.error = r.is_error() ? error_of(r) : StoreError::Internal;
          return done(std::move(out));
        }
        out.resumed = int_at(r, 0) == 1;
        out.conversation = conversation_of(r, 1, shop_id);
        out.conversation.set_buyer_id(buyer_id);
        out.rule = std::string{str_at(r, 7)};
        out.queue_position = static_cast<int>(int_at(r, 8));
        done(std::move(out));
      });
}

void RoutingStore::conversation_snapshot(const std::string& shop_id,
                                         const std::string& conversation_id,
                                         const AgentRowsSince& since,
                                         std::function<void(ConversationSnapshot)> done) {
  const std::array<std::string, 2> k{keys::conversation(shop_id, conversation_id),
                                     keys::rota_overrides(shop_id)};
  const std::array<std::string_view, 2> kv{k[0], k[1]};
  const std::string prefix = prefix_of(shop_id);
  const std::string version = std::to_string(since.version);
  std::vector<std::string_view> args{prefix, since.epoch, version};
  add_agent_ids(since, args);
  scripts().conversation_snapshot.call(
      redis_, kv, args, [shop_id, conversation_id, done = std::move(done)](const Reply& r) {
        ConversationSnapshot out;
        if (r.is_error() || r.elements.size() != 3) {
          out.error = r.is_error() ? error_of(r) : StoreError::Internal;
          return done(std::move(out));
        }
        out.rota = rota_of(r.elements[2]);
        const Reply& c = r.elements[0];
        if (c.elements.size() >= 6) {
          v1::Conversation conv;
          conv.set_id(conversation_id);
          conv.set_shop_id(shop_id);
          conv.set_status(status_from_name(str_at(c, 0)));
          conv.set_agent_id(std::string{str_at(c, 1)});
          conv.set_group(std::string{str_at(c, 2)});
          conv.set_buyer_id(std::string{str_at(c, 3)});
          conv.set_created_at_ms(int_at(c, 4));
          conv.set_order_id(std::string{str_at(c, 5)});
          out.conversation = std::move(conv);
        }
        out.agent_rows = agent_rows_of(r.elements[1]);
        done(std::move(out));
      });
}

void RoutingStore::transfer(const TransferApply& req, std::function<void(OpenResult)> done) {
  const std::array<std::string, 2> k{keys::conversation(req.shop_id, req.conversation_id),
                                     keys::routing_audit(req.shop_id)};
  const std::array<std::string_view, 2> kv{k[0], k[1]};
  const std::string prefix = prefix_of(req.shop_id), now = std::to_string(clock_.now_ms()),
                    score = score_text(req.queue_score);
  const CandidateArgs cands{req.candidates};
  std::vector<std::string_view> args{
      prefix, req.from_agent_id,        req.group, req.kind, req.actor_id, req.note, now,
      score,  req.may_queue ? "1" : "0"};
  cands.append(req.candidates, args);
  scripts().transfer_conversation.call(
      redis_, kv, args,
      [shop_id = req.shop_id, id = req.conversation_id, from = req.from_agent_id, note = req.note,
       done = std::move(done)](const Reply& r) {
        OpenResult out;
        if (r.is_error() || r.elements.size() < 8) {
          out.error = r.is_error() ? error_of(r) : StoreError::Internal;
          return done(std::move(out));
        }
        auto& c = out.conversation;
        c.set_id(id);
        c.set_shop_id(shop_id);
        c.set_status(str_at(r, 0) == "assigned" ? v1::CONVERSATION_STATUS_ASSIGNED
                                                : v1::CONVERSATION_STATUS_QUEUED);
        c.set_agent_id(std::string{str_at(r, 1)});
        c.set_group(std::string{str_at(r, 2)});
        c.set_buyer_id(std::string{str_at(r, 3)});
        c.set_created_at_ms(int_at(r, 4));
        c.set_order_id(std::string{str_at(r, 5)});
        c.set_routed_by(std::string{str_at(r, 6)});
        c.set_transferred_from(from);
        c.set_transfer_note(note);
        out.rule = c.routed_by();
        out.queue_position = static_cast<int>(int_at(r, 7));
        done(std::move(out));
      });
}

void RoutingStore::set_presence(const std::string& shop_id, const std::string& agent_id,
                                v1::Presence presence, std::uint32_t capacity,
                                const std::string& group, std::function<void(StoreError)> done) {
  const std::string k = keys::agent_state(shop_id, agent_id), cap = std::to_string(capacity),
                    now = std::to_string(clock_.now_ms());
  const std::array<std::string_view, 1> kv{k};
  const std::string prefix = prefix_of(shop_id);
  const std::array<std::string_view, 6> args{
      presence_name(presence), cap, group, now, prefix, agent_id};
  scripts().set_presence.call(redis_, kv, args, [done = std::move(done)](const Reply& r) {
    done(r.is_error() ? error_of(r) : StoreError::None);
  });
}

void RoutingStore::drain(const std::string& shop_id, const std::vector<DrainSlot>& slots,
                         const routing::LivenessPolicy& liveness,
                         std::function<void(DrainResult)> done) {
  const std::string audit = keys::routing_audit(shop_id);
  const std::array<std::string_view, 1> kv{audit};
  const std::int64_t now_ms = clock_.now_ms();
  const std::string prefix = prefix_of(shop_id), now = std::to_string(now_ms),
                    alive_since = std::to_string(now_ms - liveness.heartbeat_timeout.count()),
                    active_since = std::to_string(now_ms - liveness.idle_timeout.count());
  std::vector<std::string> caps;
  caps.reserve(slots.size());
  for (const auto& s : slots) caps.push_back(std::to_string(s.capacity));
  std::vector<std::string_view> args{prefix, now, alive_since, active_since};
  for (std::size_t i = 0; i < slots.size(); ++i) {
    args.push_back(slots[i].agent_id);
    args.push_back(caps[i]);
    args.push_back(slots[i].group);
  }
  scripts().drain_queue.call(redis_, kv, args, [shop_id, done = std::move(done)](const Reply& r) {
    DrainResult out;
    if (r.is_error() || r.elements.size() != 3) {
      out.error = r.is_error() ? error_of(r) : StoreError::Internal;
      return done(std::move(out));
    }
    for (const Reply& e : r.elements[0].elements) {
      v1::Conversation c;
      c.set_id(std::string{str_at(e, 0)});
      c.set_buyer_id(std::string{str_at(e, 1)});
      c.set_group(std::string{str_at(e, 2)});
      c.set_created_at_ms(int_at(e, 3));
      c.set_order_id(std::string{str_at(e, 4)});
      c.set_agent_id(std::string{str_at(e, 5)});
      c.set_shop_id(shop_id);
      c.set_status(v1::CONVERSATION_STATUS_ASSIGNED);
      out.assigned.push_back(std::move(c));
    }
    for (const Reply& e : r.elements[1].elements)
      out.still_waiting.push_back(QueuedBuyer{std::string{str_at(e, 0)}, std::string{str_at(e, 1)},
                                              static_cast<int>(int_at(e, 2)),
                                              std::string{str_at(e, 3)}});
    for (const Reply& g : r.elements[2].elements) {
      if (g.elements.empty()) continue;
      Reply rest;
      rest.elements.assign(g.elements.begin() + 1, g.elements.end());
      out.recent_waits[g.elements[0].str] = samples_of(rest);
    }
    done(std::move(out));
  });
}

void RoutingStore::end(const std::string& shop_id, const Participant& who,
                       const std::string& conversation_id, std::function<void(EndResult)> done) {
  const std::array<std::string, 2> k{keys::conversation(shop_id, conversation_id),
                                     keys::routing_audit(shop_id)};
  const std::array<std::string_view, 2> kv{k[0], k[1]};
  const std::string prefix = prefix_of(shop_id), now = std::to_string(clock_.now_ms());
  const std::array<std::string_view, 4> args{prefix, role_letter(who.role), who.id, now};
  scripts().end_conversation.call(redis_, kv, args, [done = std::move(done)](const Reply& r) {
    EndResult out;
    if (r.is_error() || r.elements.size() != 4) {
      out.error = r.is_error() ? error_of(r) : StoreError::Internal;
      return done(std::move(out));
    }
    out.agent_id = std::string{str_at(r, 0)};
    out.group = std::string{str_at(r, 1)};
    out.buyer_id = std::string{str_at(r, 2)};
    out.agent_load = static_cast<int>(int_at(r, 3));
    done(std::move(out));
  });
}

void RoutingStore::regroup(const std::string& shop_id, const std::string& conversation_id,
                           const std::string& from_group, const std::string& to_group,
                           const std::string& why,
                           std::function<void(StoreError, int position)> done) {
  const std::array<std::string, 2> k{keys::conversation(shop_id, conversation_id),
                                     keys::routing_audit(shop_id)};
  const std::array<std::string_view, 2> kv{k[0], k[1]};
  const std::string prefix = prefix_of(shop_id);
  const std::array<std::string_view, 4> args{prefix, from_group, to_group, why};
  scripts().regroup_queued.call(redis_, kv, args, [done = std::move(done)](const Reply& r) {
    if (r.is_error()) return done(error_of(r), 0);
    done(StoreError::None, static_cast<int>(int_at(r, 0)));
  });
}

void RoutingStore::queue_positions(
    const std::string& shop_id, const std::string& group,
    std::function<void(StoreError, std::vector<QueuedBuyer>, std::vector<routing::WaitSample>)>
        done) {
  const std::array<std::string, 2> k{keys::queue(shop_id, group),
                                     keys::queue_waits(shop_id, group)};
  const std::array<std::string_view, 2> kv{k[0], k[1]};
  const std::string prefix = prefix_of(shop_id);
  const std::array<std::string_view, 1> args{prefix};
  scripts().queue_positions.call(redis_, kv, args, [group, done = std::move(done)](const Reply& r) {
    std::vector<QueuedBuyer> waiting;
    if (r.is_error() || r.elements.size() != 2) {
      return done(r.is_error() ? error_of(r) : StoreError::Internal, std::move(waiting),
                  std::vector<routing::WaitSample>{});
    }
    for (const Reply& e : r.elements[0].elements)
      waiting.push_back(QueuedBuyer{std::string{str_at(e, 0)}, std::string{str_at(e, 1)},
                                    static_cast<int>(int_at(e, 2)), group});
    done(StoreError::None, std::move(waiting), samples_of(r.elements[1]));
  });
}

void RoutingStore::rota_overrides(const std::string& shop_id,
                                  std::function<void(StoreError, RotaOverrides)> done) {
  const std::string key = keys::rota_overrides(shop_id);
  redis_.command({"HGETALL", key}, [done = std::move(done)](const Reply& r) {
    if (r.is_error()) return done(error_of(r), RotaOverrides{});
    done(StoreError::None, rota_of(r));
  });
}

void RoutingStore::set_rota(const std::string& shop_id, const std::string& agent_id,
                            const std::string& date, const std::vector<std::string>& shifts,
                            std::function<void(StoreError)> done) {
  std::string value;
  for (const auto& s : shifts) value += (value.empty() ? "" : ",") + s;
  const std::string key = keys::rota_overrides(shop_id), field = date + "|" + agent_id;
  redis_.command({"HSET", key, field, value}, [done = std::move(done)](const Reply& r) {
    done(r.is_error() ? error_of(r) : StoreError::None);
  });
}

void RoutingStore::set_capacity(const std::string& shop_id, const std::string& agent_id,
                                std::uint32_t capacity, std::function<void(StoreError)> done) {
  const std::string key = keys::agent_state(shop_id, agent_id), cap = std::to_string(capacity),
                    prefix = prefix_of(shop_id);
  const std::array<std::string_view, 1> kv{key};
  const std::array<std::string_view, 4> args{prefix, agent_id, "capacity_override", cap};
  scripts().update_agent.call(redis_, kv, args, [done = std::move(done)](const Reply& r) {
    done(r.is_error() ? error_of(r) : StoreError::None);
  });
}

void RoutingStore::read_audit(const std::string& shop_id, const std::string& conversation_id,
                              std::size_t limit,
                              std::function<void(StoreError, std::vector<Reply>)> done) {
  // The newest entries first, keeping the conversation's; a conversation's routing is recent
  // history in practice, so the scan is bounded.
  const std::string key = keys::routing_audit(shop_id);
  redis_.command({"XREVRANGE", key, "+", "-", "COUNT", "10000"},
                 [conversation_id, limit, done = std::move(done)](const Reply& r) {
                   std::vector<Reply> out;
                   if (r.is_error()) return done(error_of(r), std::move(out));
                   for (const Reply& e : r.elements) {
                     if (out.size() >= limit) break;
                     if (e.elements.size() != 2) continue;
                     const Reply& fields = e.elements[1];
                     bool match = conversation_id.empty();
                     for (std::size_t i = 0; !match && i + 1 < fields.elements.size(); i += 2)
                       match = fields.elements[i].str == "conv" &&
                               fields.elements[i + 1].str == conversation_id;
                     if (match) out.push_back(e);
                   }
                   std::reverse(out.begin(), out.end());
                   done(StoreError::None, std::move(out));
                 });
}

void RoutingStore::auto_end(const std::string& shop_id, Millis silence,
                            std::function<void(StoreError, std::vector<AutoEnded>)> done) {
  const std::array<std::string, 2> k{keys::auto_end(shop_id), keys::routing_audit(shop_id)};
  const std::array<std::string_view, 2> kv{k[0], k[1]};
  const std::string prefix = prefix_of(shop_id), now = std::to_string(clock_.now_ms()),
                    limit = std::to_string(silence.count());
  const std::array<std::string_view, 3> args{prefix, now, limit};
  scripts().auto_end.call(redis_, kv, args, [done = std::move(done)](const Reply& r) {
    std::vector<AutoEnded> out;
    if (r.is_error()) return done(error_of(r), std::move(out));
    for (const Reply& e : r.elements)
      out.push_back(AutoEnded{std::string{str_at(e, 0)}, std::string{str_at(e, 1)},
                              std::string{str_at(e, 2)}, std::string{str_at(e, 3)},
                              static_cast<int>(int_at(e, 4))});
    done(StoreError::None, std::move(out));
  });
}

void RoutingStore::orphaned_conversations(
    const std::string& shop_id, TimePoint stale_before,
    std::function<void(StoreError, std::vector<OrphanedConversation>)> done) {
  const std::string rows = keys::agent_rows(shop_id);
  const std::array<std::string_view, 1> kv{rows};
  const std::string prefix = prefix_of(shop_id), before = std::to_string(to_ms(stale_before));
  const std::array<std::string_view, 2> args{prefix, before};
  scripts().orphaned_conversations.call(redis_, kv, args, [done = std::move(done)](const Reply& r) {
    std::vector<OrphanedConversation> out;
    if (r.is_error()) return done(error_of(r), std::move(out));
    for (const Reply& e : r.elements)
      out.push_back(OrphanedConversation{std::string{str_at(e, 0)}, std::string{str_at(e, 1)},
                                         std::string{str_at(e, 2)}});
    done(StoreError::None, std::move(out));
  });
}

void RoutingStore::record_overtime(const std::string& shop_id,
                                   const shifts::OvertimeRecord& record) {
  const std::string key = keys::overtime(shop_id),
                    shift_end = std::to_string(to_ms(record.shift_end)),
                    until = std::to_string(to_ms(record.extended_until)),
                    extra = std::to_string(record.extra.count()),
                    date = shifts::to_string(record.shift_date);
  redis_.command({"XADD", key, "MAXLEN", "~", "100000", "*", "agent", record.agent_id, "shift",
                  record.shift_id, "date", date, "shift_end_ms", shift_end, "extended_until_ms",
                  until, "extra_ms", extra},
                 nullptr);
}

void RoutingStore::touch_agent(const std::string& shop_id, const std::string& agent_id,
                               bool activity) {
  const std::string k = keys::agent_state(shop_id, agent_id), now = std::to_string(clock_.now_ms()),
                    prefix = prefix_of(shop_id);
  const std::array<std::string_view, 1> kv{k};
  if (activity) {
    const std::array<std::string_view, 6> args{prefix, agent_id,      "heartbeat_at",
                                               now,    "activity_at", now};
    scripts().update_agent.call(redis_, kv, args, nullptr);
  } else {
    const std::array<std::string_view, 4> args{prefix, agent_id, "heartbeat_at", now};
    scripts().update_agent.call(redis_, kv, args, nullptr);
  }
}

}  // namespace kefu::chat
