#include "chat/conversation_router.h"

#include <spdlog/spdlog.h>

#include "core/keys.h"
#include "core/node_metrics.h"
#include "routing/audit.h"
#include "routing/router.h"
#include "shifts/auto_extend.h"

namespace kefu::chat {

namespace {

std::string audit_text(const routing::RouteDecision& d) {
  std::string out;
  for (const auto& [k, v] : routing::audit_route(d, "")) {
    if (k == "conversation" || k == "decided_at") continue;
    if (!out.empty()) out += "; ";
    out += k + "=" + v;
  }
  return out;
}

}  // namespace

ConversationRouter::ConversationRouter(RoutingStore& store, ChatStore& chat, const Clock& clock)
    : store_{store}, chat_{chat}, clock_{clock} {}

void ConversationRouter::start(const ShopEntry& shop, const std::string& buyer_id,
                               const std::string& opened_from,
                               std::function<void(StartOutcome)> done) {
  const std::string shop_id = shop.config.id();
  store_.snapshot(
      shop_id, buyer_id, opened_from, live_agents_.since(shop),
      [this, &shop, buyer_id, opened_from, done = std::move(done)](RoutingSnapshot snap) mutable {
        StartOutcome out;
        if (snap.error != StoreError::None) {
          out.error = snap.error;
          return done(std::move(out));
        }
        const auto agents = live_agents_.apply(shop, std::move(snap.agent_rows));
        if (snap.latest && snap.latest->status() != v1::CONVERSATION_STATUS_ENDED) {
          out.resumed = true;
          out.conversation = *snap.latest;
          return done(std::move(out));
        }
        const TimePoint now = clock_.now();
        const auto schedule = schedules_.for_shop(shop, snap.rota);
        routing::ShopView view{shop.rules.policy,
                               schedule.schedule,
                               agents,
                               shop.rules.group_ids,
                               std::move(snap.round_robin_cursors),
                               &schedule.memo};
        routing::RouteRequest req;
        if (!opened_from.empty()) req.opened_from_order = opened_from;
        req.orders = std::move(snap.orders);
        req.last_agent = snap.last_agent;
        // R-ROUTE-8: a buyer never seen before (no order, no earlier conversation) is new.
        req.flags.new_customer = req.orders.empty() && !snap.latest && !snap.last_agent;
        const routing::RouteDecision d = routing::route_conversation(view, req, now);
        node_metrics().routing_decisions.fetch_add(1, std::memory_order_relaxed);

        OpenRequest open;
        open.shop_id = shop.config.id();
        open.buyer_id = buyer_id;
        open.order_id = opened_from;
        open.group = d.group.group;
        open.left_message = d.outcome == routing::Outcome::kLeaveMessage;
        open.queue_score = routing::queue_score(d.queue_entry(req.last_agent));
        open.same_session_window_ms =
            std::chrono::duration_cast<Millis>(shop.rules.policy.same_session_window).count();
        open.audit = audit_text(d);
        if (d.outcome == routing::Outcome::kAssign) open.candidates = d.candidates;
        std::optional<TimePoint> next_start = d.next_service_start;
        store_.open(open, [this, &shop, next_start, done = std::move(done)](OpenResult r) {
          StartOutcome out;
          out.error = r.error;
          out.resumed = r.resumed;
          out.conversation = std::move(r.conversation);
          out.conversation.set_routed_by(r.rule);
          if (r.error == StoreError::None && !r.resumed) {
            if (out.conversation.status() == v1::CONVERSATION_STATUS_ASSIGNED) {
              announce_assigned(out.conversation);
            } else if (out.conversation.status() == v1::CONVERSATION_STATUS_QUEUED &&
                       r.queue_position > 0) {
              // A higher-priority or left-message entry may go before others: tell them.
              announce_positions(out.conversation.shop_id(), out.conversation.group());
              v1::QueueStatus q;
              q.set_conversation_id(out.conversation.id());
              q.set_position(r.queue_position);
              q.set_left_message(r.rule.starts_with("R-ROUTE-9"));
              if (next_start) q.set_next_service_start_ms(to_ms(*next_start));
              out.queue = q;
            }
          }
          const bool greet_it =
              r.error == StoreError::None && !r.resumed && !shop.config.auto_greeting().empty();
          const v1::Conversation conversation = out.conversation;
          done(std::move(out));
          if (greet_it) greet(shop, conversation);
        });
      });
}

void ConversationRouter::greet(const ShopEntry& shop, const v1::Conversation& conversation) {
  // R-MSG-2: marked as an automatic reply from the system; stored once per conversation (the
  // fixed client id), so a conversation continued within the same session is not greeted again.
  v1::Message m;
  m.set_conversation_id(conversation.id());
  m.set_sender_role(v1::ROLE_SYSTEM);
  m.set_sender_id("auto");
  m.set_kind(v1::MESSAGE_KIND_AUTO_REPLY);
  m.set_text(shop.config.auto_greeting());
  m.set_client_message_id("greeting");
  chat_.append_message(shop.config.id(), std::move(m), [](AppendResult r) {
    if (r.error != StoreError::None)
      spdlog::warn("auto greeting not stored: {}", to_string(r.error));
  });
}

void ConversationRouter::order_changed(const ShopEntry& shop, const std::string& buyer_id) {
  AgentRowsSince no_agents;  // the buyer's part only
  no_agents.wanted = false;
  store_.snapshot(
      shop.config.id(), buyer_id, "", no_agents, [this, &shop, buyer_id](RoutingSnapshot snap) {
        if (snap.error != StoreError::None || !snap.latest ||
            snap.latest->status() != v1::CONVERSATION_STATUS_QUEUED)
          return;
        const v1::Conversation conv = *snap.latest;
        routing::ShopView view{shop.rules.policy, shop.rules.schedule, {}, shop.rules.group_ids};
        routing::RouteRequest req;
        if (!conv.order_id().empty()) req.opened_from_order = conv.order_id();
        req.orders = std::move(snap.orders);
        routing::QueueEntry entry{conv.id(), conv.group(), routing::EntryKind::kLive,
                                  0,         clock_.now(), {}};
        const routing::Regroup r = routing::regroup_queued(view, entry, req);
        if (!r.moved) return;
        const std::string why = "order=" + r.group.order_id +
                                " state=" + std::string{routing::order_state_name(r.group.state)};
        store_.regroup(shop.config.id(), conv.id(), conv.group(), r.moved->group, why,
                       [this, &shop, conv, to_group = r.moved->group](StoreError e, int position) {
                         if (e != StoreError::None || position == 0) return;
                         announce_positions(shop.config.id(), conv.group());
                         announce_positions(shop.config.id(), to_group);
                         tick(shop);  // someone of the new group may be free now
                       });
      });
}

void ConversationRouter::set_presence(const ShopEntry& shop, const v1::AgentAccount& agent,
                                      v1::Presence presence, std::function<void(StoreError)> done) {
  store_.set_presence(shop.config.id(), agent.id(), presence, agent_capacity(shop, agent),
                      agent.group(),
                      [this, &shop, &agent, presence, done = std::move(done)](StoreError e) {
                        done(e);
                        if (e == StoreError::None && presence == v1::PRESENCE_ONLINE)
                          drain_into(shop, agent);
                      });
}

void ConversationRouter::end(const ShopEntry& shop, const Participant& who,
                             const std::string& conversation_id,
                             std::function<void(StoreError)> done) {
  store_.end(shop.config.id(), who, conversation_id,
             [this, &shop, who, conversation_id, done = std::move(done)](EndResult r) {
               done(r.error);
               if (r.error != StoreError::None) return;
               after_end(shop, conversation_id, who, r.buyer_id, r.agent_id, r.agent_load, r.group);
             });
}

void ConversationRouter::after_end(const ShopEntry& shop, const std::string& conversation_id,
                                   const Participant& by, const std::string& buyer_id,
                                   const std::string& agent_id, int agent_load,
                                   const std::string& group) {
  v1::BusEvent event;
  event.add_recipients(keys::buyer_recipient(buyer_id));
  if (!agent_id.empty()) event.add_recipients(keys::agent_recipient(agent_id));
  auto* ended = event.mutable_frame()->mutable_conversation_ended();
  ended->set_conversation_id(conversation_id);
  ended->set_ended_by_role(by.role);
  ended->set_ended_by(by.id);
  ended->set_rating_invited(true);  // R-MSG-5: every conversation, whoever ended it
  chat_.publish(shop.config.id(), event);
  if (agent_id.empty()) {
    // It was waiting: everyone behind it moves up.
    if (!group.empty()) announce_positions(shop.config.id(), group);
    return;
  }
  // R-SHIFT-3: the last conversation of an extended shift ended: keep the extra time.
  if (auto overtime =
          shifts::on_conversation_ended(shop.rules.schedule, agent_id, clock_.now(), agent_load))
    store_.record_overtime(shop.config.id(), *overtime);
  auto it = shop.agents_by_id.find(agent_id);
  if (it != shop.agents_by_id.end()) drain_into(shop, *it->second);
}

namespace {

std::optional<routing::TransferKind> transfer_kind(v1::TransferKind k) {
  switch (k) {
    case v1::TRANSFER_KIND_TO_AGENT:
      return routing::TransferKind::kToAgent;
    case v1::TRANSFER_KIND_TO_GROUP:
      return routing::TransferKind::kToGroup;
    case v1::TRANSFER_KIND_ESCALATE:
      return routing::TransferKind::kEscalate;
    case v1::TRANSFER_KIND_REASSIGN:
      return routing::TransferKind::kReassign;
    default:
      return std::nullopt;
  }
}

}  // namespace

void ConversationRouter::transfer(const ShopEntry& shop, const std::string& actor_id,
                                  const v1::TransferConversation& req,
                                  std::function<void(TransferOutcome)> done) {
  const std::string shop_id = shop.config.id();
  store_.conversation_snapshot(
      shop_id, req.conversation_id(), live_agents_.since(shop),
      [this, &shop, actor_id, req, done = std::move(done)](ConversationSnapshot snap) mutable {
        TransferOutcome out;
        if (snap.error != StoreError::None) {
          out.store_error = snap.error;
          return done(std::move(out));
        }
        const auto agents = live_agents_.apply(shop, std::move(snap.agent_rows));
        if (!snap.conversation) {
          out.store_error = StoreError::NotFound;
          return done(std::move(out));
        }
        const v1::Conversation& conv = *snap.conversation;
        const TimePoint now = clock_.now();
        const auto schedule = schedules_.for_shop(shop, snap.rota);
        routing::ShopView view{
            shop.rules.policy, schedule.schedule, agents, shop.rules.group_ids, {}, &schedule.memo};
        routing::ConversationView cv{conv.id(), conv.group(), conv.agent_id(),
                                     conv.status() != v1::CONVERSATION_STATUS_ENDED};
        routing::TransferRequest tr;
        tr.kind = *transfer_kind(req.kind());
        tr.actor_id = actor_id;
        tr.target_agent_id = req.to_agent_id();
        tr.target_group = req.to_group();
        tr.note = req.note();
        const routing::TransferDecision d = routing::decide_transfer(view, cv, tr, now);
        node_metrics().routing_decisions.fetch_add(1, std::memory_order_relaxed);
        if (!d.ok()) {
          out.rule_error = d.error;
          if (d.target_verdict)
            out.detail = std::string{routing::ineligible_name(d.target_verdict->why)};
          return done(std::move(out));
        }
        TransferApply apply;
        apply.shop_id = shop.config.id();
        apply.conversation_id = conv.id();
        apply.from_agent_id = conv.agent_id();
        apply.group = d.new_group;
        apply.kind = std::string{routing::transfer_kind_name(d.kind)};
        apply.actor_id = actor_id;
        apply.note = d.note;
        routing::QueueEntry entry{conv.id(), d.new_group, routing::EntryKind::kLive, 0, now, {}};
        apply.queue_score = routing::queue_score(entry);
        apply.may_queue = d.kind == routing::TransferKind::kToGroup;
        apply.candidates = d.candidates;
        const v1::TransferKind kind = req.kind();
        store_.transfer(apply, [this, &shop, kind, actor_id, from = conv.agent_id(),
                                done = std::move(done)](OpenResult r) {
          TransferOutcome out;
          out.store_error = r.error;
          out.conversation = r.conversation;
          out.queue_position = r.queue_position;
          if (r.error == StoreError::None) announce_transfer(shop, kind, actor_id, from, r);
          done(std::move(out));
        });
      });
}

void ConversationRouter::announce_transfer(const ShopEntry& shop, v1::TransferKind kind,
                                           const std::string& actor_id, const std::string& from,
                                           const OpenResult& r) {
  const v1::Conversation& c = r.conversation;
  if (!from.empty()) {
    v1::BusEvent event;
    event.add_recipients(keys::agent_recipient(from));
    auto* t = event.mutable_frame()->mutable_conversation_transferred();
    t->set_conversation_id(c.id());
    t->set_kind(kind);
    t->set_to_agent_id(c.agent_id());
    t->set_to_group(c.group());
    t->set_by(actor_id);
    chat_.publish(shop.config.id(), event);
  }
  if (c.status() == v1::CONVERSATION_STATUS_ASSIGNED) {
    announce_assigned(c);
  } else {
    v1::QueueStatus q;
    q.set_conversation_id(c.id());
    q.set_position(r.queue_position);
    announce_queue(shop.config.id(), c.buyer_id(), q);
  }
  // The slot it left may take someone from the queue.
  if (auto it = shop.agents_by_id.find(from); !from.empty() && it != shop.agents_by_id.end())
    drain_into(shop, *it->second);
}

void ConversationRouter::drain_into(const ShopEntry& shop, const v1::AgentAccount& agent) {
  // R-ROUTE-4: only an agent on shift takes from the queue (R-SHIFT-3: an auto-extended agent
  // keeps their conversations but gets no new ones).
  store_.rota_overrides(shop.config.id(), [this, &shop, &agent](StoreError e, RotaOverrides rota) {
    if (e != StoreError::None) return;
    if (!schedules_.for_shop(shop, rota).memo.on_shift(agent.id(), clock_.now())) return;
    drain(shop, {DrainSlot{agent.id(), agent_capacity(shop, agent), agent.group()}});
  });
}

void ConversationRouter::tick(const ShopEntry& shop) {
  // R-ROUTE-11: conversations the buyer left silent after the agent's reply end by themselves.
  store_.auto_end(shop.config.id(), shop.rules.policy.auto_end_silence,
                  [this, &shop](StoreError e, std::vector<AutoEnded> ended) {
                    if (e != StoreError::None) return;
                    for (const auto& x : ended)
                      after_end(shop, x.conversation_id, Participant{v1::ROLE_SYSTEM, "auto"},
                                x.buyer_id, x.agent_id, x.agent_load, x.group);
                  });
  return_orphaned(shop);
  // A shift that started since the last tick drains its group's queue, left messages first
  // (R-ROUTE-7, R-ROUTE-9). Agents not online, quiet or full are skipped by the script.
  store_.rota_overrides(shop.config.id(), [this, &shop](StoreError e, RotaOverrides rota) {
    if (e != StoreError::None) return;
    shifts::OnShiftMemo& memo = schedules_.for_shop(shop, rota).memo;
    const TimePoint now = clock_.now();
    std::vector<DrainSlot> slots;
    for (const auto& [id, agent] : shop.agents_by_id)
      if (memo.on_shift(id, now))
        slots.push_back(DrainSlot{id, agent_capacity(shop, *agent), agent->group()});
    if (!slots.empty()) drain(shop, slots);
  });
}

void ConversationRouter::return_orphaned(const ShopEntry& shop) {
  const TimePoint stale_before = clock_.now() - shop.rules.policy.liveness.orphan_grace;
  store_.orphaned_conversations(
      shop.config.id(), stale_before,
      [this, &shop](StoreError e, std::vector<OrphanedConversation> orphans) {
        if (e != StoreError::None) return;
        for (const auto& o : orphans) {
          v1::TransferConversation req;
          req.set_conversation_id(o.conversation_id);
          req.set_kind(v1::TRANSFER_KIND_TO_GROUP);
          req.set_to_group(o.group);
          req.set_note(
              "客服连接已断开，超过宽限期，系统转回本组");  // the agent's connection is gone
          transfer(shop, o.agent_id, req, [](const TransferOutcome&) {});
        }
      });
}

void ConversationRouter::drain(const ShopEntry& shop, const std::vector<DrainSlot>& slots) {
  const std::string shop_id = shop.config.id();
  store_.drain(shop_id, slots, shop.rules.policy.liveness, [this, shop_id](DrainResult r) {
    if (r.error != StoreError::None) return;
    node_metrics().routing_decisions.fetch_add(r.assigned.size(), std::memory_order_relaxed);
    for (const auto& c : r.assigned) announce_assigned(c);
    for (const auto& w : r.still_waiting) {
      v1::QueueStatus q;
      q.set_conversation_id(w.conversation_id);
      q.set_position(w.position);
      auto samples = r.recent_waits.find(w.group);
      if (samples != r.recent_waits.end())
        if (auto est = routing::estimate_wait(samples->second, w.position))
          q.set_estimated_wait_ms(est->count());
      announce_queue(shop_id, w.buyer_id, q);
    }
  });
}

void ConversationRouter::announce_positions(const std::string& shop_id, const std::string& group) {
  store_.queue_positions(shop_id, group,
                         [this, shop_id](StoreError e, std::vector<QueuedBuyer> waiting,
                                         std::vector<routing::WaitSample> samples) {
                           if (e != StoreError::None) return;
                           for (const auto& w : waiting) {
                             v1::QueueStatus q;
                             q.set_conversation_id(w.conversation_id);
                             q.set_position(w.position);
                             if (auto est = routing::estimate_wait(samples, w.position))
                               q.set_estimated_wait_ms(est->count());
                             announce_queue(shop_id, w.buyer_id, q);
                           }
                         });
}

void ConversationRouter::announce_assigned(const v1::Conversation& conversation) {
  v1::BusEvent event;
  event.add_recipients(keys::agent_recipient(conversation.agent_id()));
  event.add_recipients(keys::buyer_recipient(conversation.buyer_id()));
  *event.mutable_frame()->mutable_conversation_assigned()->mutable_conversation() = conversation;
  chat_.publish(conversation.shop_id(), event);
}

void ConversationRouter::announce_queue(const std::string& shop_id, const std::string& buyer_id,
                                        const v1::QueueStatus& status) {
  v1::BusEvent event;
  event.add_recipients(keys::buyer_recipient(buyer_id));
  *event.mutable_frame()->mutable_queue_status() = status;
  chat_.publish(shop_id, event);
}

}  // namespace kefu::chat
