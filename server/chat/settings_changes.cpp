#include "chat/settings_changes.h"

#include <fmt/format.h>

#include <map>

namespace kefu::chat {

namespace {

constexpr const char* kArrow = " → ";
constexpr const char* kNone = "(none)";

using Lines = std::vector<std::string>;

void changed(Lines& out, const std::string& what, const std::string& from, const std::string& to) {
  if (from != to) out.push_back(what + ": " + from + kArrow + to);
}

// Compares two keyed collections: added, removed, and each changed item as `text` shows it.
template <typename Map>
void compare(Lines& out, const std::string& what, const Map& before, const Map& after) {
  for (const auto& [key, value] : before) {
    auto it = after.find(key);
    changed(out, what + " " + key, value, it == after.end() ? kNone : it->second);
  }
  for (const auto& [key, value] : after)
    if (!before.contains(key)) changed(out, what + " " + key, kNone, value);
}

std::string joined(const google::protobuf::RepeatedPtrField<std::string>& items) {
  return items.empty() ? std::string{"day off"} : fmt::format("{}", fmt::join(items, ","));
}

std::string capacity_text(std::uint32_t c) { return c ? std::to_string(c) : "default"; }

std::string points_text(std::uint32_t tenths) {
  return fmt::format("{}.{}", tenths / 10, tenths % 10);
}

// Long texts (greetings, quick replies) quoted and cut, so one line stays one line.
std::string quoted(const std::string& text) {
  constexpr std::size_t kMax = 40;
  if (text.size() <= kMax) return "\"" + text + "\"";
  std::size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // UTF-8
  return "\"" + text.substr(0, cut) + "…\"";
}

std::map<std::string, std::string> weights(
    const google::protobuf::RepeatedPtrField<v1::ScorePartWeight>& list) {
  std::map<std::string, std::string> out;
  for (const auto& w : list) out[w.part()] = points_text(w.points_tenths());
  return out;
}

}  // namespace

std::vector<std::string> describe_changes(const v1::ShopSettings& before,
                                          const v1::ShopSettings& after) {
  Lines out;
  {
    std::map<std::string, std::string> b, a;
    for (const auto& g : before.groups()) b[g.id()] = g.display_name();
    for (const auto& g : after.groups()) a[g.id()] = g.display_name();
    compare(out, "group", b, a);
  }
  compare(out, "binding",
          std::map<std::string, std::string>{before.bindings().begin(), before.bindings().end()},
          std::map<std::string, std::string>{after.bindings().begin(), after.bindings().end()});
  {
    std::map<std::string, const v1::ShiftConfig*> b, a;
    for (const auto& s : before.shifts()) b[s.id()] = &s;
    for (const auto& s : after.shifts()) a[s.id()] = &s;
    for (const auto& [id, s] : b) {
      auto it = a.find(id);
      if (it == a.end()) {
        out.push_back("shift " + id + " removed (" + s->start() + "-" + s->end() + ")");
        continue;
      }
      changed(out, "shift " + id + " name", s->name(), it->second->name());
      changed(out, "shift " + id + " start", s->start(), it->second->start());
      changed(out, "shift " + id + " end", s->end(), it->second->end());
    }
    for (const auto& [id, s] : a)
      if (!b.contains(id))
        out.push_back("shift " + id + " added (" + s->start() + "-" + s->end() + ")");
  }
  {
    std::map<std::string, std::string> b, a;
    for (const auto& e : before.rota()) b[e.agent_id() + " " + e.date()] = joined(e.shifts());
    for (const auto& e : after.rota()) a[e.agent_id() + " " + e.date()] = joined(e.shifts());
    compare(out, "rota", b, a);
  }
  changed(out, "default capacity", std::to_string(before.default_capacity()),
          std::to_string(after.default_capacity()));
  {
    std::map<std::string, std::string> b, a;
    for (const auto& [level, c] : before.capacity_per_level()) b[level] = std::to_string(c);
    for (const auto& [level, c] : after.capacity_per_level()) a[level] = std::to_string(c);
    compare(out, "capacity of level", b, a);
  }
  {
    std::map<std::string, std::string> b, a;
    for (const auto& c : before.capacities()) b[c.agent_id()] = capacity_text(c.capacity());
    for (const auto& c : after.capacities()) a[c.agent_id()] = capacity_text(c.capacity());
    // An agent listed on one side only has the default on the other.
    for (const auto& [id, _] : b) a.try_emplace(id, "default");
    for (const auto& [id, _] : a) b.try_emplace(id, "default");
    compare(out, "capacity", b, a);
  }
  {
    std::map<std::string, std::string> b, a;
    for (const auto& q : before.quick_replies()) b["/" + q.shortcut()] = quoted(q.text());
    for (const auto& q : after.quick_replies()) a["/" + q.shortcut()] = quoted(q.text());
    compare(out, "quick reply", b, a);
  }
  changed(out, "fast reply seconds", std::to_string(before.fast_reply_seconds()),
          std::to_string(after.fast_reply_seconds()));
  changed(out, "slow reply seconds", std::to_string(before.slow_reply_seconds()),
          std::to_string(after.slow_reply_seconds()));
  compare(out, "presale weight", weights(before.presale_weights()),
          weights(after.presale_weights()));
  compare(out, "aftersale weight", weights(before.aftersale_weights()),
          weights(after.aftersale_weights()));
  {
    std::map<std::string, std::string> b, a;
    for (const auto& x : before.blackouts()) b[x.name()] = x.start() + ".." + x.end();
    for (const auto& x : after.blackouts()) a[x.name()] = x.start() + ".." + x.end();
    compare(out, "blackout", b, a);
  }
  changed(out, "wait alert seconds", std::to_string(before.wait_alert_seconds()),
          std::to_string(after.wait_alert_seconds()));
  changed(out, "auto greeting", quoted(before.auto_greeting()), quoted(after.auto_greeting()));
  return out;
}

}  // namespace kefu::chat
