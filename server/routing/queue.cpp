#include "routing/queue.h"

#include <algorithm>
#include <cstdint>

namespace kefu::routing {

int priority_for(const QueueFlags& f, const PriorityPolicy& p) {
  int prio = p.normal;
  if (f.complaint) prio = std::max(prio, p.complaint);
  if (f.vip) prio = std::max(prio, p.vip);
  if (f.new_customer) prio = std::max(prio, p.new_customer);
  return std::clamp(prio, 0, kMaxPriority);
}

bool served_before(const QueueEntry& a, const QueueEntry& b) {
  if (a.kind != b.kind) return a.kind == EntryKind::kLeftMessage;
  if (a.priority != b.priority) return a.priority > b.priority;
  auto ta = std::chrono::floor<Millis>(a.enqueued_at);
  auto tb = std::chrono::floor<Millis>(b.enqueued_at);
  if (ta != tb) return ta < tb;
  return a.conversation_id < b.conversation_id;
}

void sort_queue(std::vector<QueueEntry>& entries) {
  std::sort(entries.begin(), entries.end(), served_before);
}

std::optional<int> position_of(std::span<const QueueEntry> sorted, std::string_view id) {
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    if (sorted[i].conversation_id == id) return static_cast<int>(i + 1);
  }
  return std::nullopt;
}

double queue_score(const QueueEntry& e) {
  constexpr std::int64_t kEpoch2020Ms = 1577836800000;  // 2020-01-01T00:00:00Z
  constexpr std::int64_t kTimeBits = 41;                // ms: ~69.7 years
  constexpr std::int64_t kTimeMax = (std::int64_t{1} << kTimeBits) - 1;
  std::int64_t ms = std::clamp<std::int64_t>(to_ms(e.enqueued_at) - kEpoch2020Ms, 0, kTimeMax);
  std::int64_t kind = e.kind == EntryKind::kLeftMessage ? 0 : 1;
  std::int64_t inverted = kMaxPriority - std::clamp(e.priority, 0, kMaxPriority);  // 4 bits
  std::int64_t packed = (kind << (kTimeBits + 4)) | (inverted << kTimeBits) | ms;  // < 2^46
  return static_cast<double>(packed);
}

}  // namespace kefu::routing
