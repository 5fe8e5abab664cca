#pragma once
// Reading the configuration (kefu.v1.ServerConfig) and applying flags and environment.
#include <string>
#include <vector>

#include "kefu/v1/config.pb.h"

namespace kefu::app {

struct CommandLine {
  std::string config_path;
  std::string listen;
  std::string redis_url;
  std::string redis_cluster;  // --redis-cluster: seeds "host:port,host:port" (issue 9)
  std::string web_root;
  std::string tls_cert;  // --tls-cert: the certificate chain (PEM)
  std::string tls_key;   // --tls-key: its private key (PEM)
  int threads = -1;
  int drain_seconds = -1;  // --drain-seconds: issue 9, how long a drain may take
  bool hash_password = false;
  bool test_clock = false;  // POST /api/test/clock moves the server's time (tests only)
  bool help = false;
  std::string error;  // set when the arguments are wrong
};

CommandLine parse_command_line(int argc, char** argv);
std::string usage();

// Reads a .json file as the JSON mapping, anything else as text format. Returns false with
// a message naming the file and the problem.
bool read_config_file(const std::string& path, v1::ServerConfig& out, std::string& error);

// Flags beat environment (KEFU_LISTEN, KEFU_REDIS_URL, KEFU_REDIS_CLUSTER, KEFU_WEB_ROOT,
// KEFU_TLS_CERT, KEFU_TLS_KEY), which beats the file; then defaults.
void apply_overrides(const CommandLine& cl, v1::ServerConfig& config);

// What is wrong with the configuration's TLS part ("" when nothing): a certificate without
// a key or the reverse.
std::string tls_problem(const v1::ServerConfig& config);

// host:port → parts; false when malformed.
bool split_host_port(const std::string& s, std::string& host, std::uint16_t& port);

}  // namespace kefu::app
