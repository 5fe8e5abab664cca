#pragma once
// R-MSG-3 quick replies (快捷短语): the shop's library from its config, else the seeds' scripts
// as defaults, and the checks on an agent's own. Plain functions: no I/O.
#include <string>
#include <vector>

#include "kefu/v1/config.pb.h"
#include "kefu/v1/frames.pb.h"

namespace kefu::chat {

inline constexpr std::size_t kMaxShortcutBytes = 32;
inline constexpr std::size_t kMaxQuickReplyBytes = 2000;
inline constexpr int kMaxOwnQuickReplies = 200;

// The shop's quick replies, ids "shop:1", "shop:2"... in config order, marked shared.
std::vector<v1::QuickReply> shop_quick_replies(const v1::Shop& shop);

// "" when an agent's own quick reply may be saved, else why not.
std::string quick_reply_problem(const std::string& shortcut, const std::string& text);

}  // namespace kefu::chat
