#pragma once
// The scenarios; each fills ctx.results() and returns kefu-load's exit status.
#include "run_context.h"

namespace kefu::load {

inline constexpr int kExitOk = 0;
inline constexpr int kExitLoss = 1;
inline constexpr int kExitSetup = 3;

int run_idle(RunContext& ctx);
int run_routed(RunContext& ctx);
int run_new_conversations(RunContext& ctx);

}  // namespace kefu::load
