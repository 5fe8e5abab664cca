#include "chat/bus_lags.h"

#include <algorithm>
#include <utility>

namespace kefu::chat {

BusLags::BusLags(std::vector<std::string> shop_ids, BusLag::Duration limit)
    : limit_{limit}, shops_{std::move(shop_ids)}, node_of_(shops_.size(), kNone) {
  for (std::size_t i = 0; i < shops_.size(); ++i) shop_index_.emplace(shops_[i], i);
}

bool BusLags::placed_as(const std::vector<std::string>& nodes) const {
  if (nodes.size() != shops_.size()) return false;
  for (std::size_t shop = 0; shop < shops_.size(); ++shop)
    if (node_of_[shop] == kNone || nodes_[node_of_[shop]].name != nodes[shop]) return false;
  return true;
}

bool BusLags::place(const std::vector<std::string>& nodes) {
  if (placed_as(nodes)) return false;
  ++placements_;
  std::vector<Node> next;
  std::fill(node_of_.begin(), node_of_.end(), kNone);
  for (std::size_t shop = 0; shop < shops_.size() && shop < nodes.size(); ++shop) {
    const std::string& name = nodes[shop];
    auto same =
        std::find_if(next.begin(), next.end(), [&](const Node& n) { return n.name == name; });
    if (same == next.end()) {
      // The first shop of a node times it. Its measure carries over when the node was already
      // timed through that shop.
      auto before = std::find_if(nodes_.begin(), nodes_.end(), [&](const Node& n) {
        return n.name == name && n.probe_shop == shop;
      });
      next.push_back(before != nodes_.end()
                         ? std::move(*before)
                         : Node{name, shop, BusLag{limit_, (placements_ << 32) + 1}});
      same = std::prev(next.end());
    }
    node_of_[shop] = static_cast<std::size_t>(same - next.begin());
  }
  nodes_ = std::move(next);
  one_node_for_all_ = nodes_.size() == 1 && nodes.size() >= shops_.size();
  return true;
}

const BusLag* BusLags::lag_for(std::string_view shop_id) const {
  // A single Redis, or a cluster whose shops all live on one master: no lookup per message
  // (a session's shop is always one of the worker's).
  if (one_node_for_all_) return &nodes_.front().lag;
  auto it = shop_index_.find(shop_id);
  if (it == shop_index_.end()) return nullptr;
  const std::size_t node = node_of_[it->second];
  return node == kNone ? nullptr : &nodes_[node].lag;
}

BusLags::Node* BusLags::node_probed_through(std::size_t shop) {
  for (auto& n : nodes_)
    if (n.probe_shop == shop) return &n;
  return nullptr;
}

}  // namespace kefu::chat
