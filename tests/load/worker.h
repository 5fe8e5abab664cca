#pragma once
// One generator thread: its own io_context, its own statistics, and a timer queue. Every
// simulated client lives on one worker and runs only on its thread, so clients need no locks.
#include <cstdint>
#include <functional>
#include <memory>
#include <thread>

#include "stats.h"

namespace boost::asio {
class io_context;
}

namespace kefu::load {

class Worker {
 public:
  Worker();
  ~Worker();
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  void start();  // starts the thread
  void stop();   // stops the io_context and joins the thread; pending work is dropped

  boost::asio::io_context& io();
  Stats& stats() { return stats_; }

  // Runs fn on this worker's thread, soon. Any thread may call it.
  void post(std::function<void()> fn);
  // Runs fn at steady time at_ns (now_ns() clock), or soon if that is past. Only on this
  // worker's thread. Many calls share one timer: the earliest entry arms it.
  void at(std::int64_t at_ns, std::function<void()> fn);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  Stats stats_;
  std::thread thread_;
};

}  // namespace kefu::load
