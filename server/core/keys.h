#pragma once
// Every Redis key Kefu writes is named here. Keys of a shop carry the shop's hash tag
// ({shop_id}) so the whole shop lives in one Redis Cluster slot and a Lua script may touch
// any of them atomically (DESIGN.md: state in Redis).
#include <string>
#include <string_view>

namespace kefu::keys {

// kefu:{shop}:<rest>
std::string shop_key(std::string_view shop_id, std::string_view rest);

// The shop's pub/sub channel for cross-node delivery.
std::string bus_channel(std::string_view shop_id);
// A worker's own channel for the probes that time its bus through one shop (issue 8,
// app/bus_probe.h): the shop's hash tag puts it on the Redis Cluster master that serves the
// shop's bus channel; the token tells the workers of every node apart.
std::string bus_probe_channel(std::string_view shop_id, std::string_view token);

std::string conversation(std::string_view shop_id, std::string_view conversation_id);
std::string conversation_messages(std::string_view shop_id, std::string_view conversation_id);
// client message id → stored message id, for idempotent resends.
std::string conversation_client_ids(std::string_view shop_id, std::string_view conversation_id);
std::string conversation_counter(std::string_view shop_id);
std::string buyer_active_conversation(std::string_view shop_id, std::string_view buyer_id);
std::string agent_state(std::string_view shop_id, std::string_view agent_id);
std::string agent_conversations(std::string_view shop_id, std::string_view agent_id);
std::string online_agents(std::string_view shop_id);
// Every agent's live state packed in one field (lua/lib/agent_row.lua).
std::string agent_rows(std::string_view shop_id);
// The group's queue: a sorted set of conversation ids scored by routing::queue_score.
std::string queue(std::string_view shop_id, std::string_view group);
// The group's recent queue waits ("waited_ms:position_at_enqueue", newest first) for the
// buyer's estimated wait (R-ROUTE-7).
std::string queue_waits(std::string_view shop_id, std::string_view group);
// Every routing decision (which agent, by which rule, who else was eligible): a stream.
std::string routing_audit(std::string_view shop_id);
// A supervisor's changes to the rota (R-SHIFT-2), effective at once: hash "<date>|<agent>" →
// "early,middle" ("" = day off). They win over the config's rota for that agent and date.
std::string rota_overrides(std::string_view shop_id);
// R-ROUTE-6 round-robin: per group, the agent the last pick went to (hash).
std::string round_robin_cursors(std::string_view shop_id);
// R-ROUTE-11: conversations whose agent replied last, scored by that reply's time (ms); the
// routing tick ends those the buyer left silent too long.
std::string auto_end(std::string_view shop_id);
// Issue 5: the facts every KPI figure is computed from, as they happen (a stream, never
// trimmed: assigned, buyer_msg, agent_msg, transferred, ended; field "at" in ms). Written by
// the same scripts that make the change, so a figure can never miss or double a fact.
std::string kpi_facts(std::string_view shop_id);
// R-SHIFT-5: handover notes (a stream; field "n" holds a serialized kefu.v1.HandoverNote).
std::string handovers(std::string_view shop_id);
// R-SHIFT-3: extra time worked past a shift's end (a stream: agent, shift, date, extra_ms).
std::string overtime(std::string_view shop_id);
// The agent who served the buyer last, and when (hash: agent, at) for R-ROUTE-5.
std::string buyer_last_agent(std::string_view shop_id, std::string_view buyer_id);

// Orders pushed by the shop's platform (R-ORDER-1). A hash per order; its field "state" holds
// the OrderState enum name without prefix (UNPAID, PAID, SHIPPED, COMPLETED, AFTER_SALE,
// CLOSED) and "updated_at_ms" the time of the event that set it. Routing reads these
// (R-ROUTE-1..3).
std::string order(std::string_view shop_id, std::string_view order_id);
// Figures of closed periods, kept (hash: the report's query → its body); the scripts that record
// late payments, ratings and complaints delete it ("kpi-closed", next to "facts").
std::string kpi_closed(std::string_view shop_id);
// The platform event ids already applied (hash: event id → when), so a resent event changes
// nothing (R-ORDER-1).
std::string order_events_seen(std::string_view shop_id);
// A buyer's orders, a sorted set of order ids scored by their last update (newest = highest).
std::string buyer_orders(std::string_view shop_id, std::string_view buyer_id);

// Issue 6: a buyer's conversations (zset: id → created at, ms), for the agent's history view;
// an agent's own quick replies (hash: id → serialized kefu.v1.QuickReply, R-MSG-3) and the
// shop's counter of their ids.
std::string buyer_conversations(std::string_view shop_id, std::string_view buyer_id);
std::string agent_quick_replies(std::string_view shop_id, std::string_view agent_id);
std::string quick_reply_counter(std::string_view shop_id);

// Issue 7 (R-SUP-1): the queue chart's samples, one per group per minute, kept 6 hours (zset:
// "at|group|queued|longest_wait_ms|in_progress" scored by the minute, supervision/queue_samples).
std::string queue_samples(std::string_view shop_id);
// R-SUP-2: the supervisors who joined a conversation (a set); a joined supervisor may write to
// it (send_message.lua reads it as <conversation hash>:joined).
std::string conversation_joined(std::string_view shop_id, std::string_view conversation_id);
// Issue 7: the shop's settings as its supervisors changed them (hash: version, body = a
// serialized kefu.v1.ShopSettings; absent = the configuration file's), and their change log
// (a list of serialized kefu.v1.ConfigChange, newest first).
std::string shop_settings(std::string_view shop_id);
std::string settings_changes(std::string_view shop_id);

// Agent session tokens are not a shop's: an agent may work for several shops (R-ROLE-5).
std::string agent_session(std::string_view token);
// Issue 10: the session tokens of an agent in a shop (a set), so disabling the agent ends them
// all; and the agents disabled by a supervisor (a set of "<shop>/<agent>"). Both under the
// sessions' hash tag.
std::string agent_sessions(std::string_view shop_id, std::string_view agent_id);
std::string disabled_agents();
// A session's address on the bus ("s:<tag>", the tag a keyed hash of its token), so a logout
// reaches the sockets opened with that token and no others.
std::string session_recipient(std::string_view session_tag);

// A user's address on the bus: "a:<agent_id>" / "b:<buyer_id>".
std::string agent_recipient(std::string_view agent_id);
std::string buyer_recipient(std::string_view buyer_id);

}  // namespace kefu::keys
