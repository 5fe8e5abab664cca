#pragma once
// A real Redis Cluster for tests (issue 9): three masters and three replicas, each a
// redis-server in cluster mode on a free loopback port, created with
// `redis-cli --cluster create ... --cluster-replicas 1`. Everything is stopped and its files
// removed when this object goes away, also when a test fails. Blocking calls are fine here:
// this is test support.
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "support/redis_server.h"

namespace kefu::test {

class RedisCluster {
 public:
  // One row of CLUSTER NODES.
  struct Node {
    std::string id;
    std::uint16_t port = 0;
    bool master = false;
    bool failed = false;                                         // "fail" or "fail?" in its flags
    std::string master_id;                                       // a replica's master
    std::vector<std::pair<std::uint16_t, std::uint16_t>> slots;  // a master's ranges
  };

  // Starts the six servers (cluster-node-timeout 1000 ms, so a failover takes a second or
  // two), creates the cluster and returns once every node says cluster_state:ok and every
  // replica is in sync. Throws std::runtime_error otherwise.
  RedisCluster();
  ~RedisCluster();
  RedisCluster(const RedisCluster&) = delete;
  RedisCluster& operator=(const RedisCluster&) = delete;

  // "127.0.0.1:p1,127.0.0.1:p2,..." of every node, for --redis-cluster.
  std::string seeds() const;
  std::vector<RedisServer*> servers();
  RedisServer& server(std::uint16_t port);

  // The cluster as a live node sees it.
  std::vector<Node> nodes();
  // The live master serving the slot now (throws if none).
  RedisServer& master_of(std::uint16_t slot);
  std::string id_of(RedisServer& server);
  std::uint16_t key_slot(const std::string& key);
  // args[1] is the key: the command goes to the master of its slot.
  std::string command_str(const std::vector<std::string>& args);
  std::vector<std::string> command_array(const std::vector<std::string>& args);

  // FLUSHALL on every live master: a clean cluster for the next test.
  void flushall();
  // SIGKILL, as a crash.
  void kill(RedisServer& server);
  // Until every live node says cluster_state:ok and every slot has a live master.
  bool wait_healthy(std::chrono::milliseconds limit);
  // Until the master's replicas acknowledged everything it has (replication is asynchronous).
  bool wait_replicated(RedisServer& master, std::chrono::milliseconds limit);

  // A slot migration in its three steps, as `redis-cli --cluster reshard` does it: mark the
  // slot migrating/importing, move its keys (MIGRATE), then give the slot to `to` everywhere.
  void begin_migration(std::uint16_t slot, RedisServer& to);
  void move_keys(std::uint16_t slot);
  void finish_migration(std::uint16_t slot);

 private:
  RedisServer& live();
  std::vector<std::unique_ptr<RedisServer>> servers_;
  RedisServer* migrating_from_ = nullptr;
  RedisServer* migrating_to_ = nullptr;
};

}  // namespace kefu::test
