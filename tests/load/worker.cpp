#include "worker.h"

#include <map>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include "clock.h"

namespace kefu::load {

namespace asio = boost::asio;

struct Worker::Impl {
  asio::io_context io{1};
  asio::executor_work_guard<asio::io_context::executor_type> guard{io.get_executor()};
  asio::steady_timer timer{io};
  std::multimap<std::int64_t, std::function<void()>> due;  // steady ns -> work
  std::int64_t armed_for = INT64_MAX;                      // when the timer fires next

  void arm() {
    if (due.empty()) {
      armed_for = INT64_MAX;
      return;
    }
    const std::int64_t first = due.begin()->first;
    if (first >= armed_for) return;
    armed_for = first;
    timer.expires_at(asio::steady_timer::time_point{std::chrono::nanoseconds{first}});
    timer.async_wait([this](boost::system::error_code ec) {
      if (ec) return;  // re-armed earlier, or stopping
      armed_for = INT64_MAX;
      run_due();
    });
  }

  void run_due() {
    const std::int64_t now = now_ns();
    while (!due.empty() && due.begin()->first <= now) {
      auto fn = std::move(due.begin()->second);
      due.erase(due.begin());
      fn();
    }
    arm();
  }
};

Worker::Worker() : impl_{std::make_unique<Impl>()} {}

Worker::~Worker() { stop(); }

void Worker::start() {
  thread_ = std::thread([this] { impl_->io.run(); });
}

void Worker::stop() {
  impl_->io.stop();
  if (thread_.joinable()) thread_.join();
}

asio::io_context& Worker::io() { return impl_->io; }

void Worker::post(std::function<void()> fn) { asio::post(impl_->io, std::move(fn)); }

void Worker::at(std::int64_t at_ns, std::function<void()> fn) {
  impl_->due.emplace(at_ns, std::move(fn));
  impl_->arm();
}

}  // namespace kefu::load
