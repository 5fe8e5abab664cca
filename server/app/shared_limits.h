#pragma once
// Rate limits every worker thread shares (issue 10): a flood spread over connections, and so
// over workers, still meets one bucket per buyer, login name or client address.
#include "core/rate_limit.h"
#include "kefu/v1/config.pb.h"

namespace kefu::app {

struct SharedLimits {
  explicit SharedLimits(const v1::Limits& l)
      : buyers{RateLimit{l.buyer_messages_per_minute() / 60.0,
                         static_cast<double>(l.buyer_message_burst())}},
        login_names{RateLimit{l.login_failures_per_minute() / 60.0,
                              static_cast<double>(l.login_failure_burst())}},
        login_addresses{
            RateLimit{4 * l.login_failures_per_minute() / 60.0, 4.0 * l.login_failure_burst()}} {}

  KeyedRateLimiter buyers;           // sendMessage and startConversation per shop/buyer
  KeyedRateLimiter login_names;      // failed logins per login name
  KeyedRateLimiter login_addresses;  // failed logins per client address
};

}  // namespace kefu::app
