// Worker threads for data-parallel loops over files and projects.
#ifndef FNWARDEN_UTIL_THREAD_POOL_H_
#define FNWARDEN_UTIL_THREAD_POOL_H_

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace fnwarden::util {

// Runs a function once per object, as std::call_once does: concurrent
// callers wait for the first, and a call that throws leaves it to the next.
// glibc's call_once makes a futex system call each time a first call ends,
// which the rules pay for every principal of every model; a mutex taken
// without contention makes none.
class Once {
 public:
  template <class Fn>
  void Call(Fn&& fn) {
    if (done_.load(std::memory_order_acquire)) return;
    std::lock_guard<std::mutex> lock(mu_);
    if (done_.load(std::memory_order_relaxed)) return;
    fn();
    done_.store(true, std::memory_order_release);
  }
  // Whether a call has returned: what it wrote is then visible here.
  bool done() const { return done_.load(std::memory_order_acquire); }

 private:
  std::atomic<bool> done_{false};
  std::mutex mu_;
};

// The threads `jobs` stands for: itself, or the hardware threads for 0.
unsigned Threads(unsigned jobs);

// Calls fn(i) for every i in [0, n) on up to `jobs` threads (the calling
// thread is one of them) and returns when all calls have returned. `jobs` 0
// means the number of hardware threads. When calls throw, the others still
// run, and the exception of the lowest i that threw is rethrown here (on
// one thread the loop stops at the first, as a plain loop would).
void ParallelFor(size_t n, unsigned jobs, const std::function<void(size_t)>& fn);

// Tasks that become known one by one (files, as a folder walk finds them),
// run on up to `jobs` threads while the caller goes on finding more. The
// caller's thread is one of the `jobs`: it joins in from Wait(). With one
// job, Run() runs the task at once. Tasks run in no particular order and
// must not throw. Run() and Wait() are for the owning thread only.
class TaskGroup {
 public:
  explicit TaskGroup(unsigned jobs);  // 0: the number of hardware threads
  ~TaskGroup();                       // waits, as Wait() does
  TaskGroup(const TaskGroup&) = delete;
  TaskGroup& operator=(const TaskGroup&) = delete;

  void Run(std::function<void()> task);
  // Runs queued tasks on this thread too, and returns when every task has
  // returned. The group takes no tasks afterwards.
  void Wait();

 private:
  void Work();  // a worker thread's loop

  std::mutex mu_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> queue_;
  bool closed_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace fnwarden::util

#endif  // FNWARDEN_UTIL_THREAD_POOL_H_
