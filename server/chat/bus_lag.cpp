#include "chat/bus_lag.h"

#include <algorithm>

namespace kefu::chat {

namespace {
BusLag::Duration since(BusLag::Time then, BusLag::Time now) {
  return std::max(BusLag::Duration{0}, std::chrono::duration_cast<BusLag::Duration>(now - then));
}
}  // namespace

bool BusLag::tick(Time now) {
  if (in_flight_ == 0) {
    lag_ = last_round_trip_;
    return true;
  }
  lag_ = std::max(last_round_trip_, since(sent_at_, now));
  return false;
}

std::uint64_t BusLag::sent(Time now) {
  in_flight_ = next_number_++;
  sent_at_ = now;
  return in_flight_;
}

bool BusLag::seen(std::uint64_t number, Time now) {
  if (number == 0 || number != in_flight_) return false;
  in_flight_ = 0;
  last_round_trip_ = since(sent_at_, now);
  lag_ = last_round_trip_;
  return true;
}

void BusLag::lost(std::uint64_t number) {
  if (number == 0 || number != in_flight_) return;
  in_flight_ = 0;
  lag_ = last_round_trip_;
}

void BusLag::reset() {
  in_flight_ = 0;
  last_round_trip_ = Duration{0};
  lag_ = Duration{0};
}

}  // namespace kefu::chat
