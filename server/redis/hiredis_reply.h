#pragma once
// Copies a hiredis reply into a Reply (hiredis frees its own when the callback returns).
#include <hiredis/hiredis.h>

#include "redis/reply.h"

namespace kefu::redis {

Reply from_hiredis(const redisReply& r);

}  // namespace kefu::redis
