// fnwarden's IAM engine against the oracle it is tested with
// (@cloud-copilot/iam-simulate, run under node as one subprocess, as in
// tests/iam_oracle_test.cc), in the same run and on the same generated cases.
//
//   iam_oracle_bench [--cases N] [--seconds S] [--oracle-dir DIR] [--no-oracle]
//
// DIR defaults to the tests/oracle found above the working directory or the
// executable. --no-oracle measures fnwarden alone (for profiling).
//
// Each case's policies are written as JSON text before anything is timed;
// the oracle receives the same JSON (one line per case, see simulate.js).
// Figures, all on one core:
//  - the oracle: cases per second inside its runSimulation (what simulate.js
//    times: the library reading the already-parsed policy objects into its
//    model, and evaluating; JSON.parse and node start-up excluded), and with
//    node start-up and JSON;
//  - fnwarden per case, like for like: each policy's JSON text parsed into a
//    model::PolicyDocument as `fnwarden iam simulate` reads --policy files
//    (syntax::ParseJson, the CloudFormation evaluator, ToPolicyDocument),
//    compiled, the context built, one evaluation. It does more than the
//    oracle's timed part (it parses text): the strictest comparison;
//  - the same per-case work split in its phases (read, compile, evaluate);
//  - fnwarden, evaluation alone: the compiled cases evaluated repeatedly for
//    S seconds (the steady state of a scan, where each role is compiled once).
//    This is the rate of single-request evaluations that the target of at
//    least 100x the oracle's rate is checked against.
// Nothing here asserts a target. Also prints how many cases each fnwarden
// path agrees with the oracle on (the test asserts that).

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "bench_util.h"
#include "../tests/oracle/oracle_cases.h"
#include "../tests/oracle/oracle_generator.h"
#include "../tests/oracle/oracle_process.h"
#include "analysis/iam/evaluate.h"
#include "analysis/iam/policy.h"
#include "load/cfn/template.h"
#include "load/cfn/val.h"
#include "load/syntax/node.h"
#include "model/model.h"
#include "util/diagnostic.h"
#include "util/source.h"

namespace {

namespace oracle = fnwarden::testing::oracle;
namespace iam = fnwarden::analysis::iam;
namespace ls = fnwarden::load::syntax;
using fnwarden::bench::Clock;
using fnwarden::bench::Seconds;

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

// One case's policies as JSON text, written before anything is timed.
struct CaseText {
  std::vector<std::string> identity;
  std::string resource, boundary, session;  // empty when the case has none
};

CaseText TextOf(const oracle::Case& c) {
  CaseText t;
  for (const oracle::Policy& p : c.identity) t.identity.push_back(oracle::PolicyJson(p));
  if (c.resource_policy) t.resource = oracle::PolicyJson(*c.resource_policy);
  if (c.boundary) t.boundary = oracle::PolicyJson(*c.boundary);
  if (c.session) t.session = oracle::PolicyJson(*c.session);
  return t;
}

// A case's policies read from their text into the model, as `fnwarden iam
// simulate` reads --policy files (cli::iam_cli::PolicyFiles::Read, minus
// the file system and printing). Owns what the documents point into.
struct ReadCase {
  std::deque<fnwarden::util::SourceFile> files;
  std::vector<std::unique_ptr<ls::Document>> trees;
  std::deque<fnwarden::model::PolicyDocument> docs;  // identity..., resource, boundary, session
};

void ReadPolicy(const std::string& text, ReadCase* out) {
  if (text.empty()) return;
  const fnwarden::util::SourceFile& file = out->files.emplace_back("case.json", text);
  fnwarden::util::DiagnosticSink diags;
  std::unique_ptr<ls::Document> tree = ls::ParseJson(&file, {}, &diags);
  const ls::Node* root = tree != nullptr ? tree->root() : nullptr;
  fnwarden::load::cfn::Template tmpl;
  tmpl.doc = tree.get();
  tmpl.file = &file;
  fnwarden::load::cfn::Evaluator evaluator(tmpl, {}, &diags);
  fnwarden::load::cfn::Val value = evaluator.Eval(root);
  out->docs.push_back(fnwarden::load::cfn::ToPolicyDocument(
      &value, fnwarden::model::PolicySource::kInline, "case",
      root != nullptr ? root->loc : fnwarden::util::Loc{&file, 1, 1}));
  out->trees.push_back(std::move(tree));
}

ReadCase Read(const CaseText& t) {
  ReadCase out;
  for (const std::string& p : t.identity) ReadPolicy(p, &out);
  ReadPolicy(t.resource, &out);
  ReadPolicy(t.boundary, &out);
  ReadPolicy(t.session, &out);
  return out;
}

// The read policies, in case order, for oracle::EngineCase.
std::vector<const fnwarden::model::PolicyDocument*> Docs(const ReadCase& read) {
  std::vector<const fnwarden::model::PolicyDocument*> out;
  for (const auto& d : read.docs) out.push_back(&d);
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  uint32_t cases_wanted = 5000;
  double seconds = 2;
  bool run_oracle = true;
  std::string dir = DefaultOracleDir();
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--cases") == 0 && i + 1 < argc) {
      cases_wanted = static_cast<uint32_t>(std::strtoul(argv[++i], nullptr, 10));
    } else if (std::strcmp(argv[i], "--seconds") == 0 && i + 1 < argc) {
      seconds = std::strtod(argv[++i], nullptr);
    } else if (std::strcmp(argv[i], "--oracle-dir") == 0 && i + 1 < argc) {
      dir = argv[++i];
    } else if (std::strcmp(argv[i], "--no-oracle") == 0) {
      run_oracle = false;
    } else {
      std::fprintf(stderr,
                   "usage: iam_oracle_bench [--cases N] [--seconds S] [--oracle-dir DIR] [--no-oracle]\n");
      return 2;
    }
  }
  if (cases_wanted == 0) cases_wanted = 1;
  if (run_oracle) {
    std::string missing = oracle::CheckOracle(dir);
    if (!missing.empty()) {
      std::fprintf(stderr, "iam_oracle_bench: %s\n", missing.c_str());
      return 2;
    }
  }

  oracle::Generator gen(0x6f7261636c65ULL);
  std::vector<oracle::Case> cases;
  for (uint32_t i = 0; i < cases_wanted; ++i) cases.push_back(gen.Next(i));
  std::vector<CaseText> texts;
  for (const oracle::Case& c : cases) texts.push_back(TextOf(c));

  oracle::OracleRun run;
  if (run_oracle) {
    std::vector<std::string> lines;
    for (const oracle::Case& c : cases) lines.push_back(oracle::SimulationLine(oracle::ForOracle(c)));
    run = oracle::RunOracle(dir, lines);
    if (!run.ok) {
      std::fprintf(stderr, "iam_oracle_bench: %s\n", run.error.c_str());
      return 1;
    }
  }
  auto agrees = [&](size_t i, iam::Decision d) {
    return run_oracle && i < run.decisions.size() && run.decisions[i] == oracle::OracleName(d);
  };

  // fnwarden per case, like for like: text -> model -> compiled -> decision.
  size_t done = 0, agree = 0;
  Clock::time_point start = Clock::now();
  do {
    for (size_t i = 0; i < cases.size(); ++i) {
      ReadCase read = Read(texts[i]);
      oracle::EngineCase compiled(cases[i], Docs(read));
      iam::Decision d = compiled.Evaluate();
      if (done < cases.size() && agrees(i, d)) ++agree;
      ++done;
    }
  } while (Seconds(start) < seconds);
  double whole_rate = static_cast<double>(done) / Seconds(start);

  // The same work, one phase at a time over all cases.
  start = Clock::now();
  std::deque<ReadCase> read;
  for (const CaseText& t : texts) read.push_back(Read(t));
  double read_s = Seconds(start);
  start = Clock::now();
  std::vector<std::unique_ptr<oracle::EngineCase>> compiled;
  compiled.reserve(cases.size());
  for (size_t i = 0; i < cases.size(); ++i) {
    compiled.push_back(std::make_unique<oracle::EngineCase>(cases[i], Docs(read[i])));
  }
  double compile_s = Seconds(start);
  start = Clock::now();
  size_t allowed = 0;
  for (const auto& e : compiled) allowed += e->Evaluate() == iam::Decision::kAllowed;
  double once_s = Seconds(start);

  // fnwarden, evaluation alone, repeatedly.
  size_t evaluations = 0;
  start = Clock::now();
  do {
    for (const auto& e : compiled) {
      allowed += e->Evaluate() == iam::Decision::kAllowed;
      ++evaluations;
    }
  } while (Seconds(start) < seconds);
  double eval_rate = static_cast<double>(evaluations) / Seconds(start);

  double n = static_cast<double>(cases.size());
  double oracle_rate = run_oracle ? n / (run.library_ms / 1000) : 0;
  auto times = [&](double rate) { return run_oracle ? rate / oracle_rate : 0; };
  std::printf("cases: %zu generated (seed 0x6f7261636c65)", cases.size());
  if (run_oracle) std::printf("; fnwarden agrees with the oracle on %zu", agree);
  std::printf("\n");
  if (run_oracle) {
    std::printf("oracle (iam-simulate):  %10.0f cases/s inside runSimulation (policies already parsed "
                "from JSON), %.0f cases/s with node start-up and JSON\n",
                oracle_rate, n / (run.wall_ms / 1000));
  }
  std::printf("fnwarden, per case: policy JSON text -> model -> compile -> evaluate once:\n");
  std::printf("                        %10.0f cases/s  (%.0fx the oracle; below 100x: %s)\n",
              whole_rate, times(whole_rate),
              !run_oracle ? "not measured" : times(whole_rate) >= 100 ? "no" : "yes");
  std::printf("  per case: read JSON %.2f us, compile + context %.2f us, evaluate %.2f us\n",
              read_s * 1e6 / n, compile_s * 1e6 / n, once_s * 1e6 / n);
  std::printf("fnwarden, compiled once, evaluate only:\n");
  std::printf("                        %10.0f cases/s  (%.0fx the oracle; target >= 100x: %s)  "
              "[%zu allowed]\n",
              eval_rate, times(eval_rate),
              !run_oracle ? "not measured" : times(eval_rate) >= 100 ? "ok" : "MISSED", allowed);
  return 0;
}
