#include "app/bus_probe.h"

#include <charconv>

#include <spdlog/spdlog.h>

#include "auth/random_token.h"
#include "core/keys.h"
#include "core/node_metrics.h"

namespace kefu::app {

namespace {
chat::BusLag::Time now() { return std::chrono::steady_clock::now(); }
}  // namespace

BusProbe::BusProbe(boost::asio::io_context& io, redis::Client& commands, const redis::Client& bus,
                   std::chrono::milliseconds limit)
    : commands_{commands},
      bus_{bus},
      lag_{limit},
      channel_{keys::bus_probe_channel(auth::random_token(8))},
      timer_{io} {}

void BusProbe::start() {
  stopped_ = false;
  schedule();
}

void BusProbe::stop() {
  stopped_ = true;
  timer_.cancel();
}

void BusProbe::schedule() {
  timer_.expires_after(kInterval);
  timer_.async_wait([this](boost::system::error_code ec) {
    if (ec || stopped_) return;
    if (!commands_.connected() || !bus_.connected())
      lag_.reset();
    else if (lag_.tick(now()))
      send();
    note_change();
    schedule();
  });
}

void BusProbe::send() {
  const std::uint64_t number = lag_.sent(now());
  const std::string text = std::to_string(number);
  commands_.command({commands_.publish_command(), channel_, text},
                    [this, number](const redis::Reply& r) {
                      // Refused or failed, or nobody subscribed (the bus not yet connected):
                      // it will not come back, and the next tick sends another.
                      if (r.is_error() || (r.type == redis::Reply::Type::Integer && r.integer == 0))
                        lag_.lost(number);
                    });
}

void BusProbe::on_message(std::string_view payload) {
  std::uint64_t number = 0;
  const auto [end, ec] = std::from_chars(payload.data(), payload.data() + payload.size(), number);
  if (ec != std::errc{} || end != payload.data() + payload.size()) return;
  if (lag_.seen(number, now())) node_metrics().bus_round_trip.record(lag_.lag());
  note_change();
}

void BusProbe::on_reconnect() {
  lag_.reset();
  note_change();
}

void BusProbe::note_change() {
  if (lag_.late() == was_late_) return;
  was_late_ = lag_.late();
  if (was_late_)
    spdlog::warn(
        "bus: {} ms behind (limit {} ms): new messages and conversations are refused "
        "until it catches up",
        lag_.lag().count() / 1000, lag_.limit().count() / 1000);
  else
    spdlog::info("bus: on time again ({} ms): messages taken again", lag_.lag().count() / 1000);
}

}  // namespace kefu::app
