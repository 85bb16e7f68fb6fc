// Timing helpers shared by the benchmarks.
#ifndef FNWARDEN_BENCH_BENCH_UTIL_H_
#define FNWARDEN_BENCH_BENCH_UTIL_H_

#include <algorithm>
#include <chrono>
#include <vector>

namespace fnwarden::bench {

using Clock = std::chrono::steady_clock;

inline double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

// The median of `v` (the upper one for an even count); 0 when empty.
inline double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

}  // namespace fnwarden::bench

#endif  // FNWARDEN_BENCH_BENCH_UTIL_H_
