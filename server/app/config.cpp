#include "app/config.h"

#include <charconv>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <google/protobuf/text_format.h>
#include <google/protobuf/util/json_util.h>

namespace kefu::app {

namespace {
std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? std::string{v} : std::string{};
}
}  // namespace

std::string usage() {
  return "usage: kefu-server [--config FILE] [--listen HOST:PORT] [--redis "
         "redis://HOST:PORT[/DB]]\n"
         "                   [--redis-cluster HOST:PORT,HOST:PORT...]   (a Redis Cluster's seeds)\n"
         "                   [--web-root DIR] [--threads N] [--drain-seconds N] [--test-clock]\n"
         "                   [--tls-cert CHAIN.pem --tls-key KEY.pem]   (HTTPS and WSS only)\n"
         "       kefu-server --hash-password   (reads a password on stdin, prints its argon2id "
         "hash)\n"
         "environment: KEFU_CONFIG, KEFU_LISTEN, KEFU_REDIS_URL, KEFU_REDIS_CLUSTER, "
         "KEFU_WEB_ROOT,\n"
         "             KEFU_TLS_CERT, KEFU_TLS_KEY\n";
}

CommandLine parse_command_line(int argc, char** argv) {
  CommandLine cl;
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    auto value = [&](std::string& out) {
      if (i + 1 >= argc) {
        cl.error = std::string{a} + " needs a value";
        return;
      }
      out = argv[++i];
    };
    if (a == "--config")
      value(cl.config_path);
    else if (a == "--listen")
      value(cl.listen);
    else if (a == "--redis")
      value(cl.redis_url);
    else if (a == "--redis-cluster")
      value(cl.redis_cluster);
    else if (a == "--web-root")
      value(cl.web_root);
    else if (a == "--tls-cert")
      value(cl.tls_cert);
    else if (a == "--tls-key")
      value(cl.tls_key);
    else if (a == "--threads") {
      std::string t;
      value(t);
      int n = 0;
      auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), n);
      if (ec != std::errc{} || p != t.data() + t.size() || n < 0 || n > 256)
        cl.error = "--threads takes 0..256";
      else
        cl.threads = n;
    } else if (a == "--drain-seconds") {
      std::string t;
      value(t);
      int n = 0;
      auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), n);
      if (ec != std::errc{} || p != t.data() + t.size() || n < 1 || n > 3600)
        cl.error = "--drain-seconds takes 1..3600";
      else
        cl.drain_seconds = n;
    } else if (a == "--hash-password")
      cl.hash_password = true;
    else if (a == "--test-clock")
      cl.test_clock = true;
    else if (a == "--help" || a == "-h")
      cl.help = true;
    else
      cl.error = "unknown argument: " + std::string{a};
    if (!cl.error.empty()) break;
  }
  if (cl.config_path.empty()) cl.config_path = env("KEFU_CONFIG");
  return cl;
}

bool read_config_file(const std::string& path, v1::ServerConfig& out, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot read config file " + path;
    return false;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  if (path.ends_with(".json")) {
    auto status = google::protobuf::util::JsonStringToMessage(text, &out);
    if (!status.ok()) {
      error = path + ": " + std::string(status.message());
      return false;
    }
    return true;
  }
  if (!google::protobuf::TextFormat::ParseFromString(text, &out)) {
    error = path + ": not a valid text-format kefu.v1.ServerConfig";
    return false;
  }
  return true;
}

void apply_overrides(const CommandLine& cl, v1::ServerConfig& config) {
  auto pick = [](const std::string& flag, const char* env_name, std::string* field,
                 const char* fallback) {
    if (!flag.empty())
      *field = flag;
    else if (auto e = env(env_name); !e.empty())
      *field = e;
    if (field->empty()) *field = fallback;
  };
  pick(cl.listen, "KEFU_LISTEN", config.mutable_listen(), "127.0.0.1:8080");
  pick(cl.redis_url, "KEFU_REDIS_URL", config.mutable_redis_url(), "redis://127.0.0.1:6379");
  // Issue 9: seeds from the flag or the environment replace the file's.
  std::string cluster = cl.redis_cluster;
  if (cluster.empty()) cluster = env("KEFU_REDIS_CLUSTER");
  if (!cluster.empty()) {
    auto* seeds = config.mutable_redis_cluster()->mutable_seeds();
    seeds->Clear();
    std::string_view rest = cluster;
    while (!rest.empty()) {
      const auto comma = rest.find(',');
      const std::string_view seed = rest.substr(0, comma);
      if (!seed.empty()) seeds->Add(std::string{seed});
      rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    }
  }
  if (config.has_redis_cluster() && !config.redis_cluster().refresh_interval_ms())
    config.mutable_redis_cluster()->set_refresh_interval_ms(5000);
  pick(cl.web_root, "KEFU_WEB_ROOT", config.mutable_web_root(), "web/dist");
  pick(cl.tls_cert, "KEFU_TLS_CERT", config.mutable_tls()->mutable_certificate_chain_file(), "");
  pick(cl.tls_key, "KEFU_TLS_KEY", config.mutable_tls()->mutable_private_key_file(), "");
  if (config.tls().certificate_chain_file().empty() && config.tls().private_key_file().empty())
    config.clear_tls();
  if (cl.threads >= 0) config.set_threads(static_cast<std::uint32_t>(cl.threads));
  if (cl.drain_seconds > 0) config.set_drain_seconds(static_cast<std::uint32_t>(cl.drain_seconds));
  if (!config.drain_seconds()) config.set_drain_seconds(10);
  auto* limits = config.mutable_limits();
  if (!limits->max_frame_bytes()) limits->set_max_frame_bytes(64 * 1024);
  if (!limits->max_pending_redis_commands()) limits->set_max_pending_redis_commands(10000);
  if (!limits->session_ttl_seconds()) limits->set_session_ttl_seconds(12 * 3600);
  if (!limits->max_http_body_bytes()) limits->set_max_http_body_bytes(1024 * 1024);
  if (!limits->hello_timeout_seconds()) limits->set_hello_timeout_seconds(10);
  if (!limits->frames_per_second()) limits->set_frames_per_second(20);
  if (!limits->frame_burst()) limits->set_frame_burst(60);
  if (!limits->buyer_messages_per_minute()) limits->set_buyer_messages_per_minute(60);
  if (!limits->buyer_message_burst()) limits->set_buyer_message_burst(20);
  if (!limits->login_failures_per_minute()) limits->set_login_failures_per_minute(5);
  if (!limits->login_failure_burst()) limits->set_login_failure_burst(5);
  if (!limits->max_send_queue_bytes()) limits->set_max_send_queue_bytes(4 * 1024 * 1024);
  if (!limits->max_bus_lag_ms()) limits->set_max_bus_lag_ms(1000);
}

std::string tls_problem(const v1::ServerConfig& config) {
  const bool cert = !config.tls().certificate_chain_file().empty();
  const bool key = !config.tls().private_key_file().empty();
  if (cert && !key) return "tls: a certificate chain needs its private key (--tls-key)";
  if (key && !cert) return "tls: a private key needs its certificate chain (--tls-cert)";
  return {};
}

bool split_host_port(const std::string& s, std::string& host, std::uint16_t& port) {
  auto colon = s.rfind(':');
  if (colon == std::string::npos || colon == 0) return false;
  host = s.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  unsigned p = 0;
  auto [ptr, ec] = std::from_chars(s.data() + colon + 1, s.data() + s.size(), p);
  if (ec != std::errc{} || ptr != s.data() + s.size() || p > 65535) return false;
  port = static_cast<std::uint16_t>(p);
  return true;
}

}  // namespace kefu::app
