#include "chat/quick_replies.h"

#include <utility>

namespace kefu::chat {

namespace {

// The seeds' scripts [004]: greet, promise to check, ask to wait, confirm the address, thank
// and say goodbye. A shop that configures its own replaces them all.
const std::vector<std::pair<const char*, const char*>>& default_replies() {
  static const std::vector<std::pair<const char*, const char*>> replies{
      {"hi", "您好，欢迎光临！请问有什么可以帮您？"},
      {"check", "好的，我马上为您查询，请稍等。"},
      {"wait", "不好意思让您久等了，正在为您处理中。"},
      {"addr", "请您核对一下收货地址和电话，确认无误我们就尽快安排发货。"},
      {"ship", "您的订单已发货，物流信息更新可能有延迟，请您留意查收。"},
      {"bye", "感谢您的耐心，祝您购物愉快！有问题随时联系我们。"},
  };
  return replies;
}

v1::QuickReply shared_reply(int n, const std::string& shortcut, const std::string& text) {
  v1::QuickReply r;
  r.set_id("shop:" + std::to_string(n));
  r.set_shortcut(shortcut);
  r.set_text(text);
  r.set_shared(true);
  return r;
}

}  // namespace

std::vector<v1::QuickReply> shop_quick_replies(const v1::Shop& shop) {
  std::vector<v1::QuickReply> out;
  int n = 0;
  if (shop.quick_replies_size() > 0) {
    for (const auto& q : shop.quick_replies())
      out.push_back(shared_reply(++n, q.shortcut(), q.text()));
    return out;
  }
  for (const auto& [shortcut, text] : default_replies())
    out.push_back(shared_reply(++n, shortcut, text));
  return out;
}

std::string quick_reply_problem(const std::string& shortcut, const std::string& text) {
  if (text.empty()) return "text is required";
  if (text.size() > kMaxQuickReplyBytes) return "text is longer than 2000 bytes";
  if (shortcut.size() > kMaxShortcutBytes) return "shortcut is longer than 32 bytes";
  for (char c : shortcut)
    if (static_cast<unsigned char>(c) <= 0x20 || c == '/')
      return "shortcut: letters or digits without spaces or '/'";
  return "";
}

}  // namespace kefu::chat
