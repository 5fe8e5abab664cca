#include "core/keys.h"

namespace kefu::keys {

namespace {
std::string join(std::initializer_list<std::string_view> parts) {
  std::string out;
  std::size_t n = 0;
  for (auto p : parts) n += p.size();
  out.reserve(n);
  for (auto p : parts) out.append(p);
  return out;
}
}  // namespace

std::string shop_key(std::string_view shop_id, std::string_view rest) {
  return join({"kefu:{", shop_id, "}:", rest});
}

std::string bus_channel(std::string_view shop_id) { return shop_key(shop_id, "bus"); }

std::string bus_probe_channel(std::string_view shop_id, std::string_view token) {
  return join({"kefu:{", shop_id, "}:probe:", token});
}

std::string conversation(std::string_view shop_id, std::string_view conversation_id) {
  return join({"kefu:{", shop_id, "}:conv:", conversation_id});
}

std::string conversation_messages(std::string_view shop_id, std::string_view conversation_id) {
  return join({"kefu:{", shop_id, "}:conv:", conversation_id, ":msgs"});
}

std::string conversation_client_ids(std::string_view shop_id, std::string_view conversation_id) {
  return join({"kefu:{", shop_id, "}:conv:", conversation_id, ":cmids"});
}

std::string conversation_counter(std::string_view shop_id) { return shop_key(shop_id, "conv-seq"); }

std::string buyer_active_conversation(std::string_view shop_id, std::string_view buyer_id) {
  return join({"kefu:{", shop_id, "}:buyer:", buyer_id, ":conv"});
}

std::string agent_state(std::string_view shop_id, std::string_view agent_id) {
  return join({"kefu:{", shop_id, "}:agent:", agent_id});
}

std::string agent_conversations(std::string_view shop_id, std::string_view agent_id) {
  return join({"kefu:{", shop_id, "}:agent:", agent_id, ":convs"});
}

std::string online_agents(std::string_view shop_id) { return shop_key(shop_id, "agents:online"); }

std::string queue(std::string_view shop_id, std::string_view group) {
  return join({"kefu:{", shop_id, "}:queue:", group});
}

std::string queue_waits(std::string_view shop_id, std::string_view group) {
  return join({"kefu:{", shop_id, "}:queue:", group, ":waits"});
}

std::string routing_audit(std::string_view shop_id) { return shop_key(shop_id, "audit"); }

std::string rota_overrides(std::string_view shop_id) { return shop_key(shop_id, "rota"); }

std::string round_robin_cursors(std::string_view shop_id) { return shop_key(shop_id, "rr"); }

std::string agent_rows(std::string_view shop_id) { return shop_key(shop_id, "agent_rows"); }

std::string auto_end(std::string_view shop_id) { return shop_key(shop_id, "autoend"); }

std::string queue_samples(std::string_view shop_id) { return shop_key(shop_id, "queue-samples"); }

std::string conversation_joined(std::string_view shop_id, std::string_view conversation_id) {
  return join({"kefu:{", shop_id, "}:conv:", conversation_id, ":joined"});
}

std::string kpi_facts(std::string_view shop_id) { return shop_key(shop_id, "facts"); }

std::string handovers(std::string_view shop_id) { return shop_key(shop_id, "handovers"); }

std::string overtime(std::string_view shop_id) { return shop_key(shop_id, "overtime"); }

std::string buyer_last_agent(std::string_view shop_id, std::string_view buyer_id) {
  return join({"kefu:{", shop_id, "}:buyer:", buyer_id, ":last-agent"});
}

std::string buyer_conversations(std::string_view shop_id, std::string_view buyer_id) {
  return join({"kefu:{", shop_id, "}:buyer:", buyer_id, ":convs"});
}

std::string agent_quick_replies(std::string_view shop_id, std::string_view agent_id) {
  return join({"kefu:{", shop_id, "}:agent:", agent_id, ":quick"});
}

std::string quick_reply_counter(std::string_view shop_id) {
  return shop_key(shop_id, "quick-reply-ids");
}

std::string order(std::string_view shop_id, std::string_view order_id) {
  return join({"kefu:{", shop_id, "}:order:", order_id});
}

std::string kpi_closed(std::string_view shop_id) { return shop_key(shop_id, "kpi-closed"); }
std::string shop_settings(std::string_view shop_id) { return shop_key(shop_id, "settings"); }
std::string settings_changes(std::string_view shop_id) {
  return shop_key(shop_id, "settings-changes");
}

std::string order_events_seen(std::string_view shop_id) {
  return shop_key(shop_id, "order-events");
}

std::string buyer_orders(std::string_view shop_id, std::string_view buyer_id) {
  return join({"kefu:{", shop_id, "}:buyer:", buyer_id, ":orders"});
}

// Issue 9, Redis Cluster: the agents' session keys (agent_session, agent_sessions,
// disabled_agents) share the tag {auth}, so they live in one slot apart from every shop. No
// script and no multi-key command mixes them with a shop's keys (ChatStore sends them as single
// commands, or DEL / SMISMEMBER over {auth} keys only), so none fails with CROSSSLOT.
std::string agent_session(std::string_view token) { return join({"kefu:{auth}:session:", token}); }

std::string agent_sessions(std::string_view shop_id, std::string_view agent_id) {
  return join({"kefu:{auth}:agent-sessions:", shop_id, "/", agent_id});
}

std::string disabled_agents() { return "kefu:{auth}:disabled-agents"; }

std::string session_recipient(std::string_view session_tag) { return join({"s:", session_tag}); }

std::string agent_recipient(std::string_view agent_id) { return join({"a:", agent_id}); }

std::string buyer_recipient(std::string_view buyer_id) { return join({"b:", buyer_id}); }

}  // namespace kefu::keys
