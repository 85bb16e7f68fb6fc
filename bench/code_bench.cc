// Handler code analysis speed: every Python, JavaScript and TypeScript file
// under the corpus's `apps/` (node_modules, cdk.out, build output and .d.ts
// files left out), read into memory once, then per language and on one
// thread: tree-sitter's parse alone, and fnwarden's analysis (parse and
// extraction, load/code/facts.h), in the same run, RUNS times each; the
// medians in MB/s and their ratio beside the target (the analysis at 60% of
// the parse-only rate or more). Then the same files analysed in parallel on
// JOBS threads, as the loader does. Then the whole scan of `apps/` (load
// with its code, rules, JSON report), beside its target of 1 s on 2 cores.
//
//   code_bench [--corpus DIR] [--runs N] [--jobs N]
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "bench_util.h"
#include "load/code/facts.h"
#include "load/code/syntax.h"
#include "load/project.h"
#include "report/report.h"
#include "rules/engine.h"
#include "rules/rule.h"
#include "util/diagnostic.h"
#include "util/fs.h"
#include "util/thread_pool.h"

namespace {

using fnwarden::bench::Clock;
using fnwarden::bench::Median;
using fnwarden::bench::Seconds;
namespace code = fnwarden::load::code;
namespace fr = fnwarden::rules;
namespace fs = std::filesystem;

struct File {
  code::Language language;
  std::string text;
};

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

bool Skipped(const fs::path& dir) {
  std::string name = dir.filename().string();
  return name == "node_modules" || name == "cdk.out" || name == ".aws-sam" ||
         name == ".serverless" || name == ".terraform" || name == "dist" || name == "build" ||
         name == ".venv" || name == "venv" || name.starts_with(".");
}

std::vector<File> Collect(const fs::path& root) {
  std::vector<File> out;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(root, ec);
       it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    if (it->is_directory(ec) && Skipped(it->path())) {
      it.disable_recursion_pending();
      continue;
    }
    code::Language language;
    if (!it->is_regular_file(ec) || !code::LanguageOfPath(it->path().string(), &language)) continue;
    out.push_back({language, ReadFile(it->path())});
  }
  return out;
}

// MB/s of `work` over `files`, the median of `runs` runs.
template <class Work>
double Rate(const std::vector<const File*>& files, int runs, const Work& work) {
  size_t bytes = 0;
  for (const File* f : files) bytes += f->text.size();
  std::vector<double> rates;
  for (int r = 0; r < runs; ++r) {
    Clock::time_point start = Clock::now();
    for (const File* f : files) work(*f);
    rates.push_back(bytes / 1e6 / Seconds(start));
  }
  return Median(rates);
}

}  // namespace

int main(int argc, char** argv) {
  std::string corpus = "../shared/corpus";
  int runs = 5;
  unsigned jobs = 2;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--corpus" && i + 1 < argc) {
      corpus = argv[++i];
    } else if (arg == "--runs" && i + 1 < argc) {
      runs = std::max(1, std::atoi(argv[++i]));
    } else if (arg == "--jobs" && i + 1 < argc) {
      jobs = static_cast<unsigned>(std::max(1, std::atoi(argv[++i])));
    } else {
      std::fprintf(stderr, "usage: code_bench [--corpus DIR] [--runs N] [--jobs N]\n");
      return 2;
    }
  }
  fs::path apps = fs::path(corpus) / "apps";
  if (!fs::is_directory(apps)) {
    std::printf("code_bench: %s is missing; skipped\n", apps.c_str());
    return 0;
  }
  std::vector<File> files = Collect(apps);
  std::printf("code analysis, %s: %zu files\n", apps.c_str(), files.size());
  std::atomic<size_t> sink{0};
  for (bool python : {true, false}) {
    std::vector<const File*> chosen;
    size_t bytes = 0;
    for (const File& f : files) {
      if ((f.language == code::Language::kPython) != python) continue;
      chosen.push_back(&f);
      bytes += f.text.size();
    }
    if (chosen.empty()) continue;
    double parse = Rate(chosen, runs, [&](const File& f) {
      code::Tree tree = code::Parse(f.language, f.text);
      sink += tree.ok();
    });
    double analyse = Rate(chosen, runs, [&](const File& f) {
      code::FileFacts facts = code::Extract(f.language, f.text);
      sink += facts.calls.size();
    });
    std::printf(
        "  %-22s %4zu files %5.2f MB  parse only %5.1f MB/s  analysis %5.1f MB/s per core"
        "  = %3.0f%% (target >= 60%%)\n",
        python ? "Python" : "JavaScript/TypeScript", chosen.size(), bytes / 1e6, parse, analyse,
        100 * analyse / parse);
  }
  size_t total = 0;
  for (const File& f : files) total += f.text.size();
  std::vector<double> parallel;
  for (int r = 0; r < runs; ++r) {
    Clock::time_point start = Clock::now();
    fnwarden::util::ParallelFor(files.size(), jobs, [&](size_t i) {
      sink += code::Extract(files[i].language, files[i].text).calls.size();
    });
    parallel.push_back(total / 1e6 / Seconds(start));
  }
  std::printf("  every file on %u threads: %.1f MB/s\n", jobs, Median(parallel));

  // The whole scan of apps/, as `fnwarden scan --format json` runs it.
  std::vector<double> scans;
  size_t findings = 0;
  for (int r = 0; r < runs; ++r) {
    Clock::time_point start = Clock::now();
    fnwarden::util::DiskFileSystem disk;
    fnwarden::util::DiagnosticSink diags;
    fnwarden::load::LoadOptions options;
    options.jobs = jobs;
    fnwarden::load::LoadResult loaded;
    fnwarden::load::LoadProjects(disk, {apps.string()}, options, &diags, &loaded);
    fr::EngineOptions engine_options;
    std::string err;
    fr::SelectRules(fr::AllRules(), {}, {}, &engine_options.rules, &err);
    engine_options.jobs = jobs;
    engine_options.known_ids = fr::KnownIds(fr::AllRules());
    fr::EngineResult result;
    fr::RunEngine(loaded.models, engine_options, &diags, &result);
    fnwarden::report::ScanReport report;
    report.tool_version = "bench";
    report.jobs = jobs;
    report.findings = std::move(result.findings);
    report.diagnostics = diags.Sorted();
    for (const fr::Rule* rule : engine_options.rules) report.rules.push_back(&rule->info);
    fnwarden::report::CountFindings(&report);
    std::string json = fnwarden::report::RenderJson(report);
    findings = report.findings.size();
    sink += json.size();
    scans.push_back(Seconds(start));
  }
  std::printf("  scan of apps/ on %u threads: %.3f s, %zu findings (target < 1 s on 2 cores)\n",
              jobs, Median(scans), findings);
  return sink.load() == 0 ? 1 : 0;
}
