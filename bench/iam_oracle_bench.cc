// fnwarden's IAM engine against the oracle it is tested with
// (@cloud-copilot/iam-simulate, run under node as one subprocess, as in
// tests/iam_oracle_test.cc), in the same run and on the same generated cases.
//
//   iam_oracle_bench [--cases N] [--seconds S] [--oracle-dir DIR]
//
// DIR defaults to the tests/oracle found above the working directory or the
// executable.
//
// Figures, all on one core:
//  - the oracle: cases per second inside its runSimulation (node start-up and
//    JSON excluded), and with them;
//  - fnwarden, the whole job: reading each case's policy JSON, compiling and
//    evaluating it once (what the oracle does per call);
//  - fnwarden, evaluation alone: the compiled cases evaluated repeatedly for
//    S seconds;
//  - the ratios of the two fnwarden rates to the oracle's. The target
//    is at least 100x. Nothing here asserts it.
// Also prints how many cases the two agree on (the test asserts that).

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "../tests/oracle/oracle_cases.h"
#include "../tests/oracle/oracle_generator.h"
#include "../tests/oracle/oracle_process.h"

namespace {

namespace oracle = fnwarden::testing::oracle;
using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

// tests/oracle of the source tree: looked for above the working directory
// and above the executable (build directories live inside the tree).
std::string DefaultOracleDir() {
  std::vector<std::string> starts;
  if (char* cwd = getcwd(nullptr, 0)) {
    starts.push_back(cwd);
    std::free(cwd);
  }
  char exe[4096];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n > 0) starts.push_back(std::string(exe, static_cast<size_t>(n)));
  for (std::string dir : starts) {
    while (!dir.empty()) {
      if (access((dir + "/tests/oracle/simulate.js").c_str(), R_OK) == 0) return dir + "/tests/oracle";
      size_t slash = dir.rfind('/');
      if (slash == std::string::npos) break;
      dir.resize(slash);
    }
  }
  return "tests/oracle";
}

}  // namespace

int main(int argc, char** argv) {
  uint32_t cases_wanted = 5000;
  double seconds = 2;
  std::string dir = DefaultOracleDir();
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--cases") == 0 && i + 1 < argc) {
      cases_wanted = static_cast<uint32_t>(std::strtoul(argv[++i], nullptr, 10));
    } else if (std::strcmp(argv[i], "--seconds") == 0 && i + 1 < argc) {
      seconds = std::strtod(argv[++i], nullptr);
    } else if (std::strcmp(argv[i], "--oracle-dir") == 0 && i + 1 < argc) {
      dir = argv[++i];
    } else {
      std::fprintf(stderr, "usage: iam_oracle_bench [--cases N] [--seconds S] [--oracle-dir DIR]\n");
      return 2;
    }
  }
  if (cases_wanted == 0) cases_wanted = 1;
  std::string missing = oracle::CheckOracle(dir);
  if (!missing.empty()) {
    std::fprintf(stderr, "iam_oracle_bench: %s\n", missing.c_str());
    return 2;
  }

  oracle::Generator gen(0x6f7261636c65ULL);
  std::vector<oracle::Case> cases;
  for (uint32_t i = 0; i < cases_wanted; ++i) cases.push_back(gen.Next(i));
  std::vector<std::string> lines;
  for (const oracle::Case& c : cases) lines.push_back(oracle::SimulationLine(oracle::ForOracle(c)));

  oracle::OracleRun run = oracle::RunOracle(dir, lines);
  if (!run.ok) {
    std::fprintf(stderr, "iam_oracle_bench: %s\n", run.error.c_str());
    return 1;
  }
  double oracle_rate = cases.size() / (run.library_ms / 1000);
  double oracle_wall_rate = cases.size() / (run.wall_ms / 1000);

  // fnwarden, the whole job per case, as often as fits in `seconds`.
  size_t done = 0;
  size_t agree = 0;
  Clock::time_point start = Clock::now();
  do {
    for (const oracle::Case& c : cases) {
      const char* d = oracle::OracleName(oracle::EngineCase(c).Evaluate());
      if (done < cases.size() && run.decisions[done] == d) ++agree;
      ++done;
    }
  } while (Seconds(start) < seconds);
  double whole_rate = done / Seconds(start);

  // fnwarden, evaluation alone.
  std::vector<std::unique_ptr<oracle::EngineCase>> compiled;
  for (const oracle::Case& c : cases) compiled.push_back(std::make_unique<oracle::EngineCase>(c));
  size_t evaluations = 0;
  size_t allowed = 0;
  start = Clock::now();
  do {
    for (const auto& e : compiled) {
      allowed += e->Evaluate() == fnwarden::analysis::iam::Decision::kAllowed;
      ++evaluations;
    }
  } while (Seconds(start) < seconds);
  double eval_rate = evaluations / Seconds(start);

  std::printf("cases: %zu generated (seed 0x6f7261636c65); fnwarden agrees with the oracle on %zu\n",
              cases.size(), agree);
  std::printf("oracle (iam-simulate): %10.0f cases/s inside runSimulation, %10.0f cases/s with node\n",
              oracle_rate, oracle_wall_rate);
  std::printf("fnwarden read+compile+evaluate: %10.0f cases/s  (%.0fx the oracle)\n", whole_rate,
              whole_rate / oracle_rate);
  std::printf("fnwarden evaluate:              %10.0f cases/s  (%.0fx the oracle)  [%zu allowed]\n", eval_rate,
              eval_rate / oracle_rate, allowed);
  return 0;
}
