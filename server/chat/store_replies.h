#pragma once
// Reading the replies of the chat scripts: field access that tolerates short arrays, and the
// mapping of script errors to StoreError. Shared by the chat and routing stores.
#include <cstdint>
#include <string>
#include <string_view>

#include "chat/chat_store.h"
#include "redis/reply.h"

namespace kefu::chat {

std::string prefix_of(const std::string& shop_id);  // "kefu:{shop}:"
StoreError error_of(const redis::Reply& r);
std::string_view str_at(const redis::Reply& r, std::size_t i);
std::int64_t int_of(std::string_view s);
std::int64_t int_at(const redis::Reply& r, std::size_t i);
// "b" buyer, "a" agent, "s" the shop's automatic messages (as the scripts write it)
const char* role_letter(v1::Role role);

}  // namespace kefu::chat
