#pragma once
// The frames a WebSocket connection has yet to write, oldest first.
//
// Why not std::deque: libstdc++'s deque allocates its map and a 512-byte block as soon as it
// is constructed, so every connection held about 600 bytes for a queue that is empty nearly
// all the time (issue 8: memory per idle connection). This is a vector read from a moving
// head: nothing is allocated until a frame is queued, and the frames' memory goes back as
// each is taken.
//
// take() moves the oldest frame out: the caller keeps it while its write is in flight, since
// a later push may move the frames still in the vector (a short string's bytes live inside
// the string).
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace kefu::net {

struct OutgoingFrame {
  std::string bytes;
  bool text = false;
};

class SendQueue {
 public:
  bool empty() const { return head_ == frames_.size(); }
  std::size_t size() const { return frames_.size() - head_; }

  void push(OutgoingFrame frame) { frames_.push_back(std::move(frame)); }

  // The oldest frame; the queue must not be empty.
  OutgoingFrame take() {
    OutgoingFrame frame = std::move(frames_[head_]);
    if (++head_ == frames_.size()) {
      clear();
    } else if (head_ >= kKeptCapacity && 2 * head_ >= frames_.size()) {
      // A queue that never empties (a frame comes while each is written) would otherwise keep
      // a slot for every frame it ever sent: the taken ones go once they are half the vector.
      frames_.erase(frames_.begin(), frames_.begin() + static_cast<std::ptrdiff_t>(head_));
      head_ = 0;
    }
    return frame;
  }

  // Also gives back what a burst grew the vector to: an idle connection holds nothing.
  void clear() {
    head_ = 0;
    if (frames_.capacity() > kKeptCapacity) {
      std::vector<OutgoingFrame>().swap(frames_);
    } else {
      frames_.clear();
    }
  }

  std::size_t capacity() const { return frames_.capacity(); }

  // A connection that is written to usually has one or two frames waiting: their slots are
  // kept rather than allocated again for every frame.
  static constexpr std::size_t kKeptCapacity = 4;

 private:
  std::vector<OutgoingFrame> frames_;
  std::size_t head_ = 0;
};

}  // namespace kefu::net
