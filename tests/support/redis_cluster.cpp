#include "support/redis_cluster.h"

#include <cstdlib>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace kefu::test {

namespace {

using namespace std::chrono_literals;

std::vector<std::string> split(const std::string& text, char by) {
  std::vector<std::string> out;
  std::stringstream in(text);
  std::string part;
  while (std::getline(in, part, by))
    if (!part.empty()) out.push_back(part);
  return out;
}

// A field of INFO output ("name:value" lines).
std::string info_field(const std::string& info, const std::string& name) {
  for (auto line : split(info, '\n')) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.starts_with(name + ":")) return line.substr(name.size() + 1);
  }
  return {};
}

template <class Pred>
bool poll(std::chrono::milliseconds limit, Pred pred) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (true) {
    try {
      if (pred()) return true;
    } catch (const std::exception&) {
      // a node going down while asked: ask again
    }
    if (std::chrono::steady_clock::now() >= deadline) return false;
    // Polling external processes (the cluster's own failure detection), not waiting for time.
    std::this_thread::sleep_for(20ms);
  }
}

}  // namespace

RedisCluster::RedisCluster() {
  for (int i = 0; i < 6; ++i) {
    servers_.push_back(std::make_unique<RedisServer>(
        0, RedisServer::Persistence::None,
        // A replica's first sync starts at once (the default waits 5 s for more replicas).
        std::vector<std::string>{"--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                                 "--cluster-node-timeout", "1000", "--repl-diskless-sync-delay",
                                 "0"}));
  }
  std::string create = "redis-cli --cluster create";
  for (auto& s : servers_) create += " 127.0.0.1:" + std::to_string(s->port());
  create += " --cluster-replicas 1 --cluster-yes > /dev/null 2>&1";
  if (std::system(create.c_str()) != 0)
    throw std::runtime_error("redis-cli --cluster create failed: " + create);
  const bool ok = poll(20s, [&] {
    for (auto& s : servers_) {
      const auto info = s->command_str({"CLUSTER", "INFO"});
      if (info_field(info, "cluster_state") != "ok" ||
          info_field(info, "cluster_known_nodes") != "6")
        return false;
      const auto replication = s->command_str({"INFO", "replication"});
      if (info_field(replication, "role") == "slave" &&
          info_field(replication, "master_link_status") != "up")
        return false;
      // Every node sees the same three masters with slots and three replicas (right after
      // the creation, gossip may still show a replica-to-be as a master).
      int masters = 0, replicas = 0;
      for (const auto& line : split(s->command_str({"CLUSTER", "NODES"}), '\n')) {
        const auto f = split(line, ' ');
        if (f.size() < 8) return false;
        if (f[2].find("master") != std::string::npos && f.size() > 8) ++masters;
        if (f[2].find("slave") != std::string::npos) ++replicas;
      }
      if (masters != 3 || replicas != 3) return false;
    }
    return true;
  });
  if (!ok) throw std::runtime_error("the test Redis Cluster did not become ready");
}

RedisCluster::~RedisCluster() {
  // SIGKILL: nothing of a test cluster is worth a clean shutdown. The servers' destructors
  // remove their directories.
  for (auto& s : servers_) s->kill();
}

std::string RedisCluster::seeds() const {
  std::string out;
  for (const auto& s : servers_) {
    if (!out.empty()) out += ',';
    out += "127.0.0.1:" + std::to_string(s->port());
  }
  return out;
}

std::vector<RedisServer*> RedisCluster::servers() {
  std::vector<RedisServer*> out;
  for (auto& s : servers_) out.push_back(s.get());
  return out;
}

RedisServer& RedisCluster::server(std::uint16_t port) {
  for (auto& s : servers_)
    if (s->port() == port) return *s;
  throw std::runtime_error("no test Redis on port " + std::to_string(port));
}

RedisServer& RedisCluster::live() {
  for (auto& s : servers_)
    if (s->running()) return *s;
  throw std::runtime_error("every test Redis is down");
}

std::vector<RedisCluster::Node> RedisCluster::nodes() {
  std::vector<Node> out;
  for (const auto& line : split(live().command_str({"CLUSTER", "NODES"}), '\n')) {
    const auto f = split(line, ' ');
    if (f.size() < 8) continue;
    Node n;
    n.id = f[0];
    const auto colon = f[1].rfind(':'), at = f[1].find('@');
    n.port = static_cast<std::uint16_t>(std::stoi(f[1].substr(colon + 1, at - colon - 1)));
    n.master = f[2].find("master") != std::string::npos;
    n.failed = f[2].find("fail") != std::string::npos;
    n.master_id = f[3];
    for (std::size_t i = 8; i < f.size(); ++i) {
      if (f[i].starts_with("[")) continue;  // a migration in progress
      const auto dash = f[i].find('-');
      const int first = std::stoi(f[i].substr(0, dash));
      const int last = dash == std::string::npos ? first : std::stoi(f[i].substr(dash + 1));
      n.slots.emplace_back(first, last);
    }
    out.push_back(std::move(n));
  }
  return out;
}

RedisServer& RedisCluster::master_of(std::uint16_t slot) {
  for (const auto& n : nodes())
    if (n.master && !n.failed)
      for (auto [first, last] : n.slots)
        if (slot >= first && slot <= last) return server(n.port);
  throw std::runtime_error("no live master serves slot " + std::to_string(slot));
}

std::string RedisCluster::id_of(RedisServer& s) { return s.command_str({"CLUSTER", "MYID"}); }

std::uint16_t RedisCluster::key_slot(const std::string& key) {
  return static_cast<std::uint16_t>(std::stoi(live().command_str({"CLUSTER", "KEYSLOT", key})));
}

std::string RedisCluster::command_str(const std::vector<std::string>& args) {
  return master_of(key_slot(args.at(1))).command_str(args);
}

std::vector<std::string> RedisCluster::command_array(const std::vector<std::string>& args) {
  return master_of(key_slot(args.at(1))).command_array(args);
}

void RedisCluster::flushall() {
  // By each node's own word: a node's view of the others may lag behind.
  for (auto& s : servers_)
    if (s->running() && info_field(s->command_str({"INFO", "replication"}), "role") == "master")
      s->flushall();
}

void RedisCluster::kill(RedisServer& s) { s.kill(); }

bool RedisCluster::wait_healthy(std::chrono::milliseconds limit) {
  return poll(limit, [&] {
    for (auto& s : servers_)
      if (s->running() && info_field(s->command_str({"CLUSTER", "INFO"}), "cluster_state") != "ok")
        return false;
    std::size_t served = 0;
    for (const auto& n : nodes())
      if (n.master && !n.failed)
        for (auto [first, last] : n.slots) served += last - first + 1;
    return served == 16384;
  });
}

bool RedisCluster::wait_replicated(RedisServer& master, std::chrono::milliseconds limit) {
  return poll(limit, [&] {
    const auto info = master.command_str({"INFO", "replication"});
    const auto offset = info_field(info, "master_repl_offset");
    const auto replica = info_field(info, "slave0");  // ip=...,port=...,state=online,offset=N
    const auto at = replica.find("offset=");
    if (offset.empty() || at == std::string::npos) return false;
    const auto end = replica.find(',', at);
    return replica.substr(at + 7, end == std::string::npos ? end : end - at - 7) == offset;
  });
}

void RedisCluster::begin_migration(std::uint16_t slot, RedisServer& to) {
  RedisServer& from = master_of(slot);
  if (&from == &to) throw std::runtime_error("the slot is there already");
  const std::string s = std::to_string(slot);
  to.command_str({"CLUSTER", "SETSLOT", s, "IMPORTING", id_of(from)});
  from.command_str({"CLUSTER", "SETSLOT", s, "MIGRATING", id_of(to)});
  migrating_from_ = &from;
  migrating_to_ = &to;
}

void RedisCluster::move_keys(std::uint16_t slot) {
  const std::string s = std::to_string(slot);
  while (true) {
    auto keys = migrating_from_->command_array({"CLUSTER", "GETKEYSINSLOT", s, "100"});
    if (keys.empty() || (keys.size() == 1 && keys[0].empty())) return;
    std::vector<std::string> migrate = {
        "MIGRATE", "127.0.0.1", std::to_string(migrating_to_->port()), "", "0", "5000", "KEYS"};
    migrate.insert(migrate.end(), keys.begin(), keys.end());
    const auto reply = migrating_from_->command_str(migrate);
    if (reply != "OK" && reply != "NOKEY") throw std::runtime_error("MIGRATE: " + reply);
  }
}

void RedisCluster::finish_migration(std::uint16_t slot) {
  const std::string s = std::to_string(slot), to = id_of(*migrating_to_);
  // The importing node first, then the one that gave it, then the others (as redis-cli does).
  migrating_to_->command_str({"CLUSTER", "SETSLOT", s, "NODE", to});
  migrating_from_->command_str({"CLUSTER", "SETSLOT", s, "NODE", to});
  for (const auto& n : nodes())
    if (n.master && !n.failed && n.port != migrating_to_->port() &&
        n.port != migrating_from_->port())
      server(n.port).command_str({"CLUSTER", "SETSLOT", s, "NODE", to});
  migrating_from_ = migrating_to_ = nullptr;
}

}  // namespace kefu::test
