#pragma once
// The longest id a client may send (conversation, message, agent, group, order and quick-reply
// ids): longer ones get INVALID_ARGUMENT before they reach a key in Redis.
#include <cstddef>

namespace kefu::chat {

inline constexpr std::size_t kMaxIdBytes = 128;

}  // namespace kefu::chat
