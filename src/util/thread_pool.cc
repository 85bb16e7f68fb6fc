#include "util/thread_pool.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace fnwarden::util {

void ParallelFor(size_t n, unsigned jobs, const std::function<void(size_t)>& fn) {
  if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());
  size_t threads = std::min<size_t>(jobs, n);
  if (threads <= 1) {
    for (size_t i = 0; i < n; ++i) fn(i);
    return;
  }
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < n; i = next++) fn(i);
  };
  std::vector<std::thread> pool;
  pool.reserve(threads - 1);
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
}

}  // namespace fnwarden::util
