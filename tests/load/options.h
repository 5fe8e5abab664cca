#pragma once
// kefu-load's command line.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kefu::load {

enum class Scenario { kIdle, kRouted, kNewConversations };
enum class Target { kKefu, kEcho };

struct Options {
  Scenario scenario = Scenario::kRouted;
  Target target = Target::kKefu;
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;
  std::string config_path;  // kefu: the server's config (shop, agent logins, buyer secret)
  std::string shop_id;      // default: the config's first shop
  std::string password;     // kefu: the password every load agent shares
  std::size_t agents = 0;   // 0: every agent of the shop
  std::size_t buyers = 200;
  std::size_t connections = 1000;
  double rate = 1000;         // routed: messages/s, both sides; new conversations: per second
  std::vector<double> rates;  // routed: one step per rate instead of one run at `rate`
  double duration_s = 10;
  double warmup_s = 1;
  double think_ms = 50;
  std::uint32_t reply_every = 1;  // agents answer every k-th buyer message; 0: never
  std::size_t text_bytes = 64;
  std::size_t sources = 8;
  std::size_t threads = 1;
  std::size_t max_inflight = 0;  // 0: the scenario's default (max_inflight_or)
  double drain_s = 10;
  double settle_s = 2;
  int server_pid = 0;
  int redis_pid = 0;
  std::string results_path;
  bool progress = false;
};

// How many connections may be setting up at once: --max-inflight, else `scenario_default`.
inline std::size_t max_inflight_or(const Options& o, std::size_t scenario_default) {
  return o.max_inflight ? o.max_inflight : scenario_default;
}

struct ParsedOptions {
  std::optional<Options> options;  // nothing: print `message` and exit with `exit_code`
  std::string message;
  int exit_code = 0;
};

ParsedOptions parse_options(const std::vector<std::string>& args);
std::string usage();

}  // namespace kefu::load
