#pragma once
// The group's queue (R-ROUTE-7, R-ROUTE-8, R-ROUTE-9). Order: left messages first (served first
// at shift start, R-ROUTE-9), then higher priority (R-ROUTE-8), then first come first served
// (R-ROUTE-7). The same order is encoded as a Redis sorted-set score for the Lua scripts.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "routing/agent_choice.h"
#include "routing/policy.h"

namespace kefu::routing {

enum class EntryKind {
  kLive,         // the buyer is waiting in the chat
  kLeftMessage,  // 留言: left while nobody of the group was on shift (R-ROUTE-9)
};

struct QueueEntry {
  std::string conversation_id;
  std::string group;
  EntryKind kind = EntryKind::kLive;
  int priority = 0;  // see PriorityPolicy; 0..kMaxPriority
  TimePoint enqueued_at;
  std::optional<StickyHint> last_agent;  // for R-ROUTE-5 when the entry is drained
};

inline constexpr int kMaxPriority = 15;

// R-ROUTE-8: what the shop knows about the buyer when they enter the queue.
struct QueueFlags {
  bool complaint = false;
  bool vip = false;
  bool new_customer = false;
};
int priority_for(const QueueFlags& f, const PriorityPolicy& p);  // the highest that applies

// Strict order; ties (same kind, priority and millisecond) fall to the conversation id.
bool served_before(const QueueEntry& a, const QueueEntry& b);
void sort_queue(std::vector<QueueEntry>& entries);

// 1-based position of a conversation in a queue sorted by sort_queue; nullopt if absent.
std::optional<int> position_of(std::span<const QueueEntry> sorted,
                               std::string_view conversation_id);

// A ZSET score with the order of served_before (ascending score = served first): the kind,
// the inverted priority and the enqueue time in ms since 2020-01-01 (valid until ~2089), packed
// exactly in a double's 53-bit mantissa. Same score → Redis orders by member (conversation id).
double queue_score(const QueueEntry& e);

}  // namespace kefu::routing
