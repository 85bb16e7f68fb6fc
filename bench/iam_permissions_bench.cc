// Effective permissions of every function of the corpus: how long the IAM
// engine takes to say what each function's role lets it do.
//
//   iam_permissions_bench --corpus DIR [--runs N] [--jobs N]
//
// The corpus is loaded once, as `fnwarden scan` loads it (not timed). The
// measured part, per run, for every model: analysis::Facts and its
// iam::ModelPermissions (each role's policies resolved and compiled), then
// for every function FunctionPermissions::AllowedOnAny() (every catalog
// action the role allows on resources it does not name) and GroupByService()
// of the result (by service and access level, as listings show them).
//
// `fnwarden iam permissions` itself lists grants statement by statement with
// code private to src/cli/iam_permissions.cc; this measures the engine calls
// the rules and that listing share, not the listing's rendering.
//
// Figures: models, functions, actions granted, total time (median of N runs)
// on one thread and on --jobs threads (models in parallel; default all
// hardware threads), per-function mean, and the target (< 100 ms).
// Nothing here is asserted.

#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "bench_util.h"
#include "analysis/facts.h"
#include "analysis/iam/effective.h"
#include "load/project.h"
#include "util/diagnostic.h"
#include "util/fs.h"
#include "util/thread_pool.h"

namespace {

namespace iam = fnwarden::analysis::iam;
using fnwarden::bench::Clock;
using fnwarden::bench::Median;
using fnwarden::bench::Seconds;

struct Totals {
  size_t functions = 0;
  size_t grants = 0;    // actions allowed on any resource, summed over functions
  size_t services = 0;  // service groups, summed over functions
};

// The measured part: every model's facts and permissions, every function's
// effective permissions, grouped.
double Run(const std::vector<fnwarden::model::Model>& models, unsigned jobs, Totals* totals) {
  std::atomic<size_t> functions{0}, grants{0}, services{0};
  auto start = Clock::now();
  fnwarden::util::ParallelFor(models.size(), jobs, [&](size_t i) {
    fnwarden::analysis::Facts facts(models[i]);
    const iam::ModelPermissions& perms = facts.Permissions();
    for (const iam::FunctionPermissions& fn : perms.functions()) {
      const std::vector<iam::ActionGrant>& allowed = fn.AllowedOnAny();
      std::vector<iam::ServiceGrants> grouped = iam::GroupByService(allowed);
      functions += 1;
      grants += allowed.size();
      services += grouped.size();
    }
  });
  double s = Seconds(start);
  *totals = Totals{functions, grants, services};
  return s;
}

int Usage() {
  std::fputs("usage: iam_permissions_bench --corpus DIR [--runs N] [--jobs N]\n", stderr);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string corpus;
  int runs = 7;
  unsigned jobs = 0;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (i + 1 >= argc) return Usage();
    std::string value = argv[++i];
    if (arg == "--corpus") {
      corpus = value;
    } else if (arg == "--runs") {
      runs = std::max(1, std::atoi(value.c_str()));
    } else if (arg == "--jobs") {
      jobs = static_cast<unsigned>(std::atoi(value.c_str()));
    } else {
      return Usage();
    }
  }
  struct stat st;
  if (corpus.empty() || ::stat(corpus.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
    std::printf("iam permissions: corpus %s not found; skipping\n",
                corpus.empty() ? "(none given)" : corpus.c_str());
    return 0;
  }
  if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());

  fnwarden::util::DiskFileSystem fs;
  fnwarden::util::DiagnosticSink diags;
  fnwarden::load::LoadResult loaded;
  fnwarden::load::LoadProjects(fs, {corpus}, {}, &diags, &loaded);

  Totals totals;
  Run(loaded.models, 1, &totals);  // warm-up: the catalog, page faults
  std::vector<double> single, parallel;
  for (int r = 0; r < runs; ++r) single.push_back(Run(loaded.models, 1, &totals));
  for (int r = 0; r < runs; ++r) parallel.push_back(Run(loaded.models, jobs, &totals));
  double t1 = Median(single), tn = Median(parallel);
  double per_fn_us = totals.functions > 0 ? t1 * 1e6 / static_cast<double>(totals.functions) : 0;

  std::printf("iam permissions: %s\n", corpus.c_str());
  std::printf("  %zu models, %zu functions, %zu actions allowed on any resource in %zu service groups\n",
              loaded.models.size(), totals.functions, totals.grants, totals.services);
  std::printf("  Facts + ModelPermissions + AllowedOnAny + GroupByService, every function:\n");
  std::printf("  jobs=1        %8.1f ms   %6.1f us per function   target < 100 ms   %s\n", t1 * 1e3,
              per_fn_us, t1 < 0.100 ? "ok" : "MISSED");
  std::printf("  jobs=%-8u %8.1f ms                          target < 100 ms   %s\n", jobs,
              tn * 1e3, tn < 0.100 ? "ok" : "MISSED");
  std::printf("  (median of %d runs; the corpus load is not timed)\n", runs);
  return 0;
}
