#pragma once
// A Redis reply, copied out of hiredis (whose reply is freed when its callback returns).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kefu::redis {

struct Reply {
  enum class Type { Nil, String, Status, Integer, Array, Error };

  Type type = Type::Nil;
  std::string str;              // String, Status, Error
  std::int64_t integer = 0;     // Integer
  std::vector<Reply> elements;  // Array

  bool is_error() const { return type == Type::Error; }
  bool is_nil() const { return type == Type::Nil; }
  // Errors the client made itself (not connected, too many pending commands): the command
  // was not executed and may be retried. Their text starts with "KEFU_UNAVAILABLE".
  bool is_unavailable() const;

  static Reply error(std::string text);
  static Reply unavailable(std::string_view why);
};

}  // namespace kefu::redis
