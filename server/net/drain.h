#pragma once
// Issue 9, graceful drain: what the network layer needs to take a node out of service
// without losing anything a client was told was done. The node stops accepting, each
// WebSocket is told to reconnect elsewhere (the Draining frame), what it had asked before is
// answered, and the socket is closed with 1012 once its queued frames are out.
#include <cstdint>
#include <memory>
#include <random>
#include <vector>

namespace kefu::net {

// The WebSocket close code of a drain: RFC 6455 §7.4 "service restart", so a client knows to
// come back (elsewhere) rather than give up.
inline constexpr std::uint16_t kCloseServiceRestart = 1012;

struct DrainNotice {
  std::uint32_t drain_seconds = 10;
  // Each client reconnects after min_reconnect_ms plus a random share of reconnect_spread_ms:
  // thousands of clients of one node must not all arrive at the next in the same millisecond.
  std::uint32_t min_reconnect_ms = 250;
  std::uint32_t reconnect_spread_ms = 1500;
};

// One client's wait before it reconnects, drawn from `random`.
template <class Random>
std::uint32_t reconnect_after_ms(const DrainNotice& notice, Random& random) {
  if (notice.reconnect_spread_ms == 0) return notice.min_reconnect_ms;
  std::uniform_int_distribution<std::uint32_t> spread{0, notice.reconnect_spread_ms};
  return notice.min_reconnect_ms + spread(random);
}

// A WebSocket as a drain sees it. Both calls run on the connection's worker thread.
class DrainableSession {
 public:
  virtual ~DrainableSession() = default;
  // Pushes Draining; from now on new requests are refused (retryable), those received before
  // are still answered.
  virtual void begin_drain(const DrainNotice& notice) = 0;
  // Closes with 1012 once every frame queued so far has been written.
  virtual void close_when_flushed() = 0;
};

// The WebSockets of one worker thread, used from that thread only (no locks). Sessions are
// held weakly: a closed connection simply drops out.
class LiveSessions {
 public:
  void add(std::weak_ptr<DrainableSession> session);
  // Calls f on every session still alive (and forgets the others); returns how many.
  template <class F>
  std::size_t for_each(F&& f) {
    std::size_t n = 0;
    std::erase_if(sessions_, [](const auto& w) { return w.expired(); });
    // A copy: f may close a session, which may let another go meanwhile.
    auto alive = sessions_;
    for (auto& weak : alive)
      if (auto s = weak.lock()) {
        f(*s);
        ++n;
      }
    return n;
  }

  // Entries held, closed connections not yet forgotten included.
  std::size_t held() const { return sessions_.size(); }

 private:
  std::vector<std::weak_ptr<DrainableSession>> sessions_;
};

}  // namespace kefu::net
