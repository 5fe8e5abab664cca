#include "options.h"

#include <charconv>
#include <functional>
#include <map>

namespace kefu::load {

std::string usage() {
  return R"(usage: kefu-load SCENARIO [options]

Scenarios:
  idle                hold --connections WebSocket connections (buyers after hello); with
                      --server-pid, report the server's RSS growth per connection
  routed              --buyers buyers chat with --agents agents: messages leave at --rate per
                      second (both sides together) for --duration seconds, open loop; agents
                      answer after --think-ms
  new-conversations   --rate new buyers per second connect, say hello and start a
                      conversation, which the server assigns to an agent

Options:
  --target kefu|echo   kefu-server (default) or tests/load/echo_server (baseline)
  --host HOST          server address (default 127.0.0.1)
  --port PORT          server port (default 8080)
  --config FILE        kefu: the server's config JSON (shop, agent logins, buyer token secret)
  --shop ID            kefu: the shop (default: the config's first)
  --password PASS      kefu: the password all load agents share
  --agents N           kefu: agents to log in (default: all of the shop's)
  --buyers N           routed: buyers, one conversation each (default 200)
  --connections N      idle: connections to hold (default 1000)
  --rate R             routed: messages/s; new-conversations: conversations/s (default 1000)
  --rates R1,R2,...    routed: a step at each rate in turn (each --duration long, then drained),
                       with the same buyers and agents; stops after a step that does not drain
  --duration S         seconds of load (default 10; per step with --rates)
  --warmup S           first seconds not recorded in the latency histograms (default 1)
  --think-ms MS        agents' think time before answering (default 50)
  --reply-every K      agents answer every K-th buyer message, 0 never (default 1)
  --size BYTES         message text size (default 64)
  --sources N          loopback source addresses 127.0.0.1..N to connect from (default 8)
  --threads N          generator threads (default 1)
  --max-inflight N     connections being set up at once (default 1000; routed: 4, so that
                       least-loaded routing spreads the buyers evenly over the agents)
  --drain S            after the load, seconds to wait for what is still in flight (default 10)
  --settle S           idle: seconds to wait before reading the server's RSS (default 2)
  --server-pid PID     the server's pid: RSS (idle) and CPU time figures
  --redis-pid PID      Redis's pid: CPU time figure
  --results FILE       also write the results there, one key=value a line
  --progress           print sent/acked/received once a second while the load runs

Exit status: 0 all sent messages were acknowledged and received; 1 something was lost,
duplicated or refused; 2 usage; 3 the set-up failed.
)";
}

namespace {

template <typename T>
bool parse_number(const std::string& text, T& out) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc{} && end == text.data() + text.size();
}

ParsedOptions fail(const std::string& message) {
  ParsedOptions p;
  p.message = "kefu-load: " + message + "\n(kefu-load --help for usage)\n";
  p.exit_code = 2;
  return p;
}

}  // namespace

ParsedOptions parse_options(const std::vector<std::string>& args) {
  Options o;
  if (args.empty()) return fail("which scenario? idle, routed or new-conversations");
  if (args[0] == "--help" || args[0] == "-h") {
    ParsedOptions p;
    p.message = usage();
    return p;
  }
  if (args[0] == "idle") {
    o.scenario = Scenario::kIdle;
  } else if (args[0] == "routed") {
    o.scenario = Scenario::kRouted;
  } else if (args[0] == "new-conversations") {
    o.scenario = Scenario::kNewConversations;
  } else {
    return fail("unknown scenario '" + args[0] + "'");
  }

  // Each option reads its value; false means the value is not acceptable.
  auto size = [](std::size_t& out) {
    return [&out](const std::string& v) { return parse_number(v, out); };
  };
  auto seconds = [](double& out) {
    return [&out](const std::string& v) { return parse_number(v, out) && out >= 0; };
  };
  auto text = [](std::string& out) {
    return [&out](const std::string& v) {
      out = v;
      return !v.empty();
    };
  };
  std::map<std::string, std::function<bool(const std::string&)>> options{
      {"--target",
       [&o](const std::string& v) {
         if (v == "kefu")
           o.target = Target::kKefu;
         else if (v == "echo")
           o.target = Target::kEcho;
         else
           return false;
         return true;
       }},
      {"--host", text(o.host)},
      {"--port", [&o](const std::string& v) { return parse_number(v, o.port) && o.port > 0; }},
      {"--config", text(o.config_path)},
      {"--shop", text(o.shop_id)},
      {"--password", text(o.password)},
      {"--agents", size(o.agents)},
      {"--buyers", size(o.buyers)},
      {"--connections", size(o.connections)},
      {"--rate", [&o](const std::string& v) { return parse_number(v, o.rate) && o.rate > 0; }},
      {"--rates",
       [&o](const std::string& v) {
         o.rates.clear();
         std::size_t from = 0;
         while (from <= v.size()) {
           const std::size_t comma = std::min(v.find(',', from), v.size());
           double rate = 0;
           if (!parse_number(v.substr(from, comma - from), rate) || rate <= 0) return false;
           o.rates.push_back(rate);
           from = comma + 1;
         }
         return !o.rates.empty();
       }},
      {"--duration", seconds(o.duration_s)},
      {"--warmup", seconds(o.warmup_s)},
      {"--think-ms", seconds(o.think_ms)},
      {"--reply-every", [&o](const std::string& v) { return parse_number(v, o.reply_every); }},
      {"--size", size(o.text_bytes)},
      {"--sources",
       [&o](const std::string& v) {
         return parse_number(v, o.sources) && o.sources >= 1 && o.sources <= 254;
       }},
      {"--threads",
       [&o](const std::string& v) { return parse_number(v, o.threads) && o.threads >= 1; }},
      {"--max-inflight",
       [&o](const std::string& v) {
         return parse_number(v, o.max_inflight) && o.max_inflight >= 1;
       }},
      {"--drain", seconds(o.drain_s)},
      {"--settle", seconds(o.settle_s)},
      {"--server-pid", [&o](const std::string& v) { return parse_number(v, o.server_pid); }},
      {"--redis-pid", [&o](const std::string& v) { return parse_number(v, o.redis_pid); }},
      {"--results", text(o.results_path)},
  };

  for (std::size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "--help" || args[i] == "-h") {
      ParsedOptions p;
      p.message = usage();
      return p;
    }
    if (args[i] == "--progress") {
      o.progress = true;
      continue;
    }
    auto it = options.find(args[i]);
    if (it == options.end()) return fail("unknown option '" + args[i] + "'");
    if (i + 1 >= args.size()) return fail(args[i] + " needs a value");
    if (!it->second(args[i + 1]))
      return fail("bad value for " + args[i] + ": '" + args[i + 1] + "'");
    ++i;
  }

  if (o.target == Target::kKefu && (o.config_path.empty() || o.password.empty()) &&
      o.scenario != Scenario::kIdle)
    return fail("--config and --password are needed against kefu-server");
  if (o.target == Target::kKefu && o.config_path.empty())
    return fail("--config is needed against kefu-server (the buyer token secret)");
  if (o.text_bytes < 32 || o.text_bytes > 16 * 1024) return fail("--size must be 32..16384");
  ParsedOptions p;
  p.options = o;
  return p;
}

}  // namespace kefu::load
