#include "util/thread_pool.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <utility>

namespace fnwarden::util {

unsigned Threads(unsigned jobs) {
  // glibc counts the processors by reading /sys/devices/system/cpu/online
  // on every call (three system calls), and a scan asks for every parallel
  // loop of every template: count them once.
  static const unsigned kHardware = std::max(1u, std::thread::hardware_concurrency());
  return jobs != 0 ? jobs : kHardware;
}

void ParallelFor(size_t n, unsigned jobs, const std::function<void(size_t)>& fn) {
  size_t threads = std::min<size_t>(Threads(jobs), n);
  if (threads <= 1) {
    for (size_t i = 0; i < n; ++i) fn(i);
    return;
  }
  std::atomic<size_t> next{0};
  // The exception of the lowest i that threw, as a loop in order would.
  std::mutex failed_mu;
  std::exception_ptr failed;
  size_t failed_at = n;
  auto work = [&] {
    for (size_t i = next++; i < n; i = next++) {
      try {
        fn(i);
      } catch (...) {
        std::lock_guard<std::mutex> lock(failed_mu);
        if (i < failed_at) {
          failed_at = i;
          failed = std::current_exception();
        }
      }
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(threads - 1);
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  if (failed) std::rethrow_exception(failed);
}

TaskGroup::TaskGroup(unsigned jobs) {
  unsigned threads = Threads(jobs);
  workers_.reserve(threads - 1);
  for (unsigned t = 1; t < threads; ++t) workers_.emplace_back([this] { Work(); });
}

TaskGroup::~TaskGroup() { Wait(); }

void TaskGroup::Run(std::function<void()> task) {
  if (workers_.empty()) {
    task();
    return;
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    queue_.push_back(std::move(task));
  }
  ready_.notify_one();
}

void TaskGroup::Work() {
  for (;;) {
    std::function<void()> task;
    {
      std::unique_lock<std::mutex> lock(mu_);
      ready_.wait(lock, [this] { return closed_ || !queue_.empty(); });
      if (queue_.empty()) return;  // closed, and nothing left
      task = std::move(queue_.front());
      queue_.pop_front();
    }
    task();
  }
}

void TaskGroup::Wait() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    closed_ = true;
  }
  ready_.notify_all();
  Work();  // never blocks: the queue is closed
  for (std::thread& t : workers_) t.join();
  workers_.clear();
}

}  // namespace fnwarden::util
