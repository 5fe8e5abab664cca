#include "stats.h"

namespace kefu::load {

std::string_view name_of(Count c) {
  switch (c) {
    case Count::kConnected:
      return "connected";
    case Count::kConnectFailures:
      return "connect_failures";
    case Count::kDisconnects:
      return "disconnects";
    case Count::kWelcomed:
      return "welcomed";
    case Count::kOnline:
      return "agents_online";
    case Count::kSent:
      return "sent";
    case Count::kAcked:
      return "acked";
    case Count::kDuplicateAcks:
      return "duplicate_acks";
    case Count::kReceived:
      return "received";
    case Count::kOutOfOrder:
      return "out_of_order";
    case Count::kErrors:
      return "errors";
    case Count::kRefused:
      return "refused";
    case Count::kStarted:
      return "conversations_started";
    case Count::kAssignedAtStart:
      return "assigned_at_start";
    case Count::kAssignedToAgent:
      return "assigned_to_agents";
    case Count::kRepliesDue:
      return "replies_due";
    case Count::kRepliesSent:
      return "replies_sent";
    case Count::kEnd_:
      break;
  }
  return "?";
}

std::string_view name_of(Latency l) {
  switch (l) {
    case Latency::kDelivery:
      return "delivery";
    case Latency::kAck:
      return "ack";
    case Latency::kStart:
      return "start";
    case Latency::kArrivalToStart:
      return "arrival_to_start";
    case Latency::kConnect:
      return "connect";
    case Latency::kEnd_:
      break;
  }
  return "?";
}

void Stats::merge_histograms_into(std::array<Histogram, kLatencies>& out) const {
  for (std::size_t i = 0; i < kLatencies; ++i) out[i].merge(histograms_[i]);
}

}  // namespace kefu::load
