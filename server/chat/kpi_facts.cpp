#include "chat/kpi_facts.h"

#include <array>

#include "chat/scripts.h"
#include "chat/store_replies.h"
#include "core/keys.h"
#include "routing/group_binding.h"

namespace kefu::chat {

namespace {

class Fields {
 public:
  explicit Fields(const std::vector<std::pair<std::string, std::string>>& f) : f_{f} {}
  std::string str(std::string_view name) const {
    for (const auto& [k, v] : f_)
      if (k == name) return v;
    return {};
  }
  std::int64_t num(std::string_view name) const { return int_of(str(name)); }
  TimePoint time(std::string_view name) const { return from_ms(num(name)); }

 private:
  const std::vector<std::pair<std::string, std::string>>& f_;
};

// R-KPI-6: pre-sale groups are the ones inquiry conversion counts.
bool pre_sale(const std::string& group) { return group == routing::kPreSaleGroup; }

kpi::EndedBy ended_by(const std::string& by) {
  if (by.starts_with("b:")) return kpi::EndedBy::kBuyer;
  if (by.starts_with("a:")) return kpi::EndedBy::kAgent;
  if (by == "system:auto") return kpi::EndedBy::kIdleTimeout;
  return kpi::EndedBy::kSystem;
}

}  // namespace

std::optional<kpi::Fact> fact_from_fields(
    const std::vector<std::pair<std::string, std::string>>& fields) {
  const Fields f{fields};
  const std::string type = f.str("t");
  if (type == "assigned") {
    kpi::ConversationAssigned a;
    a.conversation_id = f.str("conv");
    a.buyer_id = f.str("buyer");
    a.agent_id = f.str("agent");
    a.group_id = f.str("group");
    a.pre_sale = pre_sale(a.group_id);
    a.at = f.time("at");
    a.queue_wait_ms = f.num("queue_wait");
    // The buyer has waited since they opened the chat (R-KPI-2, shop view).
    a.buyer_first_message_at = a.at - Millis{a.queue_wait_ms};
    return a;
  }
  if (type == "buyer_msg")
    return kpi::BuyerMessage{f.str("conv"), f.str("buyer"), f.str("msg"), f.time("at")};
  if (type == "agent_msg")
    return kpi::AgentMessage{f.str("conv"), f.str("agent"), f.str("msg"), f.time("at")};
  if (type == "transferred") {
    kpi::Transferred t;
    t.conversation_id = f.str("conv");
    t.from_agent_id = f.str("from");
    t.to_agent_id = f.str("to");
    t.to_group_id = f.str("group");
    t.pre_sale = pre_sale(t.to_group_id);
    t.at = f.time("at");
    return t;
  }
  if (type == "ended")
    return kpi::ConversationEnded{f.str("conv"), ended_by(f.str("by")), f.str("agent"),
                                  f.time("at")};
  if (type == "auto_msg")
    return kpi::AutomaticMessage{f.str("conv"), f.str("msg"), kpi::AutomaticKind::kAutoReply,
                                 f.time("at")};
  if (type == "rated")
    return kpi::Rated{f.str("conv"),    f.str("buyer"),
                      f.str("agent"),   static_cast<int>(f.num("score")),
                      f.str("comment"), f.time("at")};
  if (type == "complaint")
    return kpi::Complaint{f.str("id"),           f.str("conv"), f.str("buyer"), f.str("agent"),
                          f.str("valid") == "1", f.str("text"), f.time("at")};
  if (type == "order_paid")
    return kpi::OrderPaid{f.str("order"), f.str("buyer"), f.num("amount"), f.time("at")};
  return std::nullopt;
}

void KpiFacts::read(const std::string& shop_id, std::size_t limit,
                    std::function<void(StoreError, kpi::FactLog)> done) {
  const std::string key = keys::kpi_facts(shop_id), count = std::to_string(limit);
  redis_.command({"XRANGE", key, "-", "+", "COUNT", count},
                 [done = std::move(done)](const redis::Reply& r) {
                   kpi::FactLog log;
                   if (r.is_error()) return done(error_of(r), std::move(log));
                   std::vector<std::pair<std::string, std::string>> fields;
                   for (const auto& entry : r.elements) {
                     if (entry.elements.size() != 2) continue;
                     fields.clear();
                     const auto& kv = entry.elements[1].elements;
                     for (std::size_t i = 0; i + 1 < kv.size(); i += 2)
                       fields.emplace_back(kv[i].str, kv[i + 1].str);
                     if (auto fact = fact_from_fields(fields)) log.push_back(std::move(*fact));
                   }
                   done(StoreError::None, std::move(log));
                 });
}

void KpiFacts::record_complaint(const std::string& shop_id, const std::string& conversation_id,
                                const std::string& complaint_id, const std::string& text,
                                const std::string& who, std::int64_t now_ms,
                                std::function<void(StoreError, ComplaintRecord)> done) {
  const std::string conv = keys::conversation(shop_id, conversation_id),
                    facts = keys::kpi_facts(shop_id), prefix = prefix_of(shop_id),
                    now = std::to_string(now_ms);
  const std::array<std::string_view, 2> k{conv, facts};
  const std::array<std::string_view, 5> a{prefix, complaint_id, text, now, who};
  scripts().record_complaint.call(redis_, k, a, [done = std::move(done)](const redis::Reply& r) {
    if (r.is_error() || r.elements.size() != 4)
      return done(r.is_error() ? error_of(r) : StoreError::Internal, {});
    done(StoreError::None, ComplaintRecord{std::string{str_at(r, 0)}, std::string{str_at(r, 1)},
                                           std::string{str_at(r, 2)}, str_at(r, 3) == "1"});
  });
}

}  // namespace kefu::chat
