// libFuzzer target (issue 10): a platform's order-event body (R-ORDER-1) as JSON and as binary
// protobuf, through the same parsing and checking the HTTP API does, and the order split into
// its stored parts and joined again.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "orders/event_body.h"
#include "orders/order_event.h"

namespace {

void check(const kefu::v1::OrderEventBatch& batch) {
  std::vector<kefu::orders::CheckedEvent> events;
  auto problem = kefu::orders::check_batch(batch, events);
  if (problem) {
    if (problem->field.empty() || problem->message.empty()) std::abort();
    return;
  }
  if (events.size() != static_cast<std::size_t>(batch.events_size())) std::abort();
  for (const auto& e : events) {
    const kefu::v1::Order order = kefu::orders::order_from_event(e);
    const kefu::orders::OrderParts parts = kefu::orders::split_order(order);
    auto joined = kefu::orders::join_order(parts.core, parts.items, parts.shipping, parts.contact);
    if (!joined || joined->SerializeAsString() != order.SerializeAsString()) std::abort();
    (void)kefu::orders::state_rank(e.event.state());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string body{reinterpret_cast<const char*>(data), size};
  for (const char* type : {"application/json", "application/x-protobuf"}) {
    kefu::v1::OrderEventBatch batch;
    const kefu::orders::BodyProblem p = kefu::orders::parse_event_body(type, body, batch);
    if (p.kind == kefu::orders::BodyProblem::None)
      check(batch);
    else if (p.message.empty())
      std::abort();
  }
  return 0;
}
