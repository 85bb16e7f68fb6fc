// A fixed set of worker threads for data-parallel loops over files and
// projects.
#ifndef FNWARDEN_UTIL_THREAD_POOL_H_
#define FNWARDEN_UTIL_THREAD_POOL_H_

#include <cstddef>
#include <functional>

namespace fnwarden::util {

// Calls fn(i) for every i in [0, n) on up to `jobs` threads (the calling
// thread is one of them) and returns when all calls have returned. `jobs` 0
// means the number of hardware threads. fn must not throw.
void ParallelFor(size_t n, unsigned jobs, const std::function<void(size_t)>& fn);

}  // namespace fnwarden::util

#endif  // FNWARDEN_UTIL_THREAD_POOL_H_
