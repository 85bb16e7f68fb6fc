// Timing helpers shared by the benchmarks.
#ifndef FNWARDEN_BENCH_BENCH_UTIL_H_
#define FNWARDEN_BENCH_BENCH_UTIL_H_

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string_view>
#include <vector>

#include "rules/engine.h"
#include "rules/rule.h"

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

// The `count` slowest of `rules` in a run of the engine that timed them
// (EngineOptions::time_rules), one a line.
inline void PrintSlowestRules(const rules::EngineTiming& t,
                              const std::vector<const rules::Rule*>& rules, size_t count) {
  std::vector<size_t> order(t.rule_s.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](size_t a, size_t b) { return t.rule_s[a] > t.rule_s[b]; });
  for (size_t i = 0; i < order.size() && i < count; ++i) {
    std::string_view id = rules[order[i]]->info.id;
    std::printf("    %-14.*s %8.4f s\n", static_cast<int>(id.size()), id.data(),
                t.rule_s[order[i]]);
  }
}

}  // namespace fnwarden::bench

#endif  // FNWARDEN_BENCH_BENCH_UTIL_H_
