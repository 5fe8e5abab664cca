#pragma once
// How late the bus runs for each shop (issue 8, overload): one BusLag per Redis node that
// serves any of the worker's shops. On a single Redis that is one measure for every shop. On a
// Redis Cluster each master carries its own shops' messages and bus channels, so one busy or
// stuck master makes only its shops wait: its shops are refused while the others are served.
// Each node is timed through the probe channel of one of its shops (which hash to the same
// slot as the shop's bus channel), so the probe follows the shop when its slot moves.
//
// Pure: the worker tells where each shop lives now (redis::Client::node_of) and passes the
// time to each node's BusLag.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "chat/bus_lag.h"

namespace kefu::chat {

class BusLags {
 public:
  struct Node {
    std::string name;        // "" on a single Redis
    std::size_t probe_shop;  // the shop (index in shops()) whose probe channel times it
    BusLag lag;
    bool was_late = false;  // for the worker's log: once per change, not per probe
  };

  BusLags(std::vector<std::string> shop_ids, BusLag::Duration limit);

  // Where each shop lives now: nodes[i] serves shops()[i]. Returns false when nothing
  // changed. A node timed through the same shop as before keeps its measure; any other starts
  // afresh (its probe in flight, if any, went to another channel).
  bool place(const std::vector<std::string>& nodes);

  // The measure of the node serving the shop; null for a shop not placed: nothing to judge
  // it by. Meant for the worker's shops: when one node serves them all, any shop gets it.
  const BusLag* lag_for(std::string_view shop_id) const;
  // The node timed through the shop's probe channel, or null.
  Node* node_probed_through(std::size_t shop);

  const std::vector<std::string>& shops() const { return shops_; }
  std::vector<Node>& nodes() { return nodes_; }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  // Whether every shop is placed on the node nodes[] names for it already.
  bool placed_as(const std::vector<std::string>& nodes) const;

  BusLag::Duration limit_;
  std::vector<std::string> shops_;
  std::unordered_map<std::string, std::size_t, Hash, std::equal_to<>> shop_index_;
  std::vector<std::size_t> node_of_;  // shop → index in nodes_, or kNone
  std::vector<Node> nodes_;
  bool one_node_for_all_ = false;
  std::uint64_t placements_ = 0;  // numbers the probes of each placement's new measures apart
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
};

}  // namespace kefu::chat
