#pragma once
// The sending clients of a run: kefu buyers, or echo peers for the baseline.
#include <cstdint>
#include <memory>
#include <string>

#include "run_context.h"
#include "sim_client.h"

namespace kefu::load {

// A client for `buyer_id` on worker w; it starts a conversation when asked (kefu only).
// arrival_ns: its intended arrival, for the new-conversations timing (0: not timed).
std::unique_ptr<SimClient> make_client(RunContext& ctx, std::size_t w, const std::string& buyer_id,
                                       bool start_conversation, std::int64_t arrival_ns = 0);

}  // namespace kefu::load
