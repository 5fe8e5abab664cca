// kefu-load: an open-loop load generator for kefu-server (and, as a baseline, for the plain
// WebSocket echo server in echo_server/). `kefu-load --help` describes the scenarios.
#include <sys/resource.h>

#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "options.h"
#include "report_errors.h"
#include "run_context.h"
#include "scenarios.h"

using namespace kefu::load;

namespace {

// Tens of thousands of sockets: take every descriptor the hard limit allows.
void raise_open_files_limit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return;
  limit.rlim_cur = limit.rlim_max;
  setrlimit(RLIMIT_NOFILE, &limit);
}

}  // namespace

int main(int argc, char** argv) {
  ParsedOptions parsed = parse_options(std::vector<std::string>(argv + 1, argv + argc));
  if (!parsed.options) {
    (parsed.exit_code ? std::cerr : std::cout) << parsed.message;
    return parsed.exit_code;
  }
  const Options& options = *parsed.options;
  raise_open_files_limit();

  int status = kExitSetup;
  try {
    RunContext ctx(options);
    switch (options.scenario) {
      case Scenario::kIdle:
        status = run_idle(ctx);
        break;
      case Scenario::kRouted:
        status = run_routed(ctx);
        break;
      case Scenario::kNewConversations:
        status = run_new_conversations(ctx);
        break;
    }
    ctx.stop_workers();
    if (int hidden = errors_not_shown(); hidden > 0)
      std::cerr << "kefu-load: " << hidden << " more errors not shown\n";
    std::cout << ctx.results().text();
    if (!options.results_path.empty()) ctx.results().write(options.results_path);
  } catch (const std::exception& e) {
    std::cerr << "kefu-load: " << e.what() << "\n";
    return kExitSetup;
  }
  return status;
}
