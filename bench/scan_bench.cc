// The scan benchmark: how long a whole repository takes, against how long
// merely parsing its files takes.
//
//   scan_bench --corpus DIR --fnwarden BIN --small TEMPLATE [--runs N] [--jobs N]
//
// Figures (each the median of N runs):
//   full scan     load + analyses + every rule + the JSON report built in
//                 memory: everything `fnwarden scan --format json` does but
//                 printing, through the same library calls
//   CPU           the process's CPU time (user + system) during each full
//                 scan, and its share of the one-job scan's: what running on
//                 several threads costs in work, beside what it saves in time
//   teardown      freeing what the scan built, after the clock has stopped:
//                 the CLI leaves it to the process's exit (cli/scan.cc,
//                 LeaveToExit), so it is shown apart, not in the full scan
//   parse only    the same candidate files read and run through libyaml's
//                 event parser (no tree), on one thread: the floor any YAML
//                 scanner pays
//   ratio         full scan / parse only, measured in the same round (the
//                 rounds interleave both), median over the rounds
//   peak RSS      getrusage's ru_maxrss after the full scans
//   small         `fnwarden scan TEMPLATE --format json` as a process, start-up
//                 included (what a pre-commit hook or an editor pays)
//   --profile     one more scan on one thread, with the rules phase split
//                 into facts, policy checks and the slowest rules
// Targets are printed beside the figures; nothing here asserts them.

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <yaml.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "bench_util.h"
#include "load/project.h"
#include "load/syntax/node.h"
#include "model/finding.h"
#include "report/report.h"
#include "rules/engine.h"
#include "rules/rule.h"
#include "util/diagnostic.h"
#include "util/fs.h"
#include "util/memory.h"

namespace {

using fnwarden::bench::Clock;
using fnwarden::bench::Median;
using fnwarden::bench::Seconds;

struct ScanFigures {
  size_t files = 0;
  size_t models = 0;
  size_t functions = 0;
  size_t findings = 0;
  size_t diagnostics = 0;
  uint64_t bytes = 0;
  size_t json_bytes = 0;
  double load_s = 0, rules_s = 0, report_s = 0;  // phases of this run
  fnwarden::rules::EngineTiming timing;          // when asked for
  std::vector<const fnwarden::rules::Rule*> rules;  // timing.rule_s's rules
};

// What a scan built: given to the caller, which frees it once the scan's
// clock has stopped, as the CLI leaves it to the exit.
struct Leftovers {
  std::unique_ptr<fnwarden::load::LoadResult> loaded;
  std::unique_ptr<fnwarden::report::ScanReport> report;
  std::vector<std::string> json;
};

// One full scan, as the CLI runs it, minus printing; what it built is left
// in `*left`.
ScanFigures FullScan(const std::string& path, unsigned jobs, Leftovers* left,
                     bool time_rules = false) {
  namespace fl = fnwarden::load;
  namespace fr = fnwarden::rules;
  auto start = Clock::now();
  fnwarden::util::DiskFileSystem fs;
  fnwarden::util::DiagnosticSink diags;
  fl::LoadOptions load_options;
  load_options.jobs = jobs;
  left->loaded = std::make_unique<fl::LoadResult>();
  fl::LoadResult& loaded = *left->loaded;
  fl::LoadProjects(fs, {path}, load_options, &diags, &loaded);
  double load_s = Seconds(start);
  start = Clock::now();

  fr::EngineOptions engine_options;
  std::string err;
  fr::SelectRules(fr::AllRules(), {}, {}, &engine_options.rules, &err);
  engine_options.jobs = jobs;
  engine_options.known_ids = fr::KnownIds(fr::AllRules());
  engine_options.time_rules = time_rules;
  fr::EngineResult result;
  fr::RunEngine(loaded.models, engine_options, &diags, &result);
  double rules_s = Seconds(start);
  start = Clock::now();

  left->report = std::make_unique<fnwarden::report::ScanReport>();
  fnwarden::report::ScanReport& report = *left->report;
  report.tool_version = "bench";
  report.jobs = jobs;
  report.findings = std::move(result.findings);
  report.suppressed = std::move(result.suppressed);
  report.diagnostics = diags.Sorted();
  for (const fr::Rule* rule : engine_options.rules) report.rules.push_back(&rule->info);
  report.summary.files = loaded.files_seen;
  report.summary.projects = loaded.models.size();
  fnwarden::report::CountFindings(&report);
  // In pieces, as the CLI writes it.
  std::vector<std::string>& json = left->json;
  json = fnwarden::report::RenderJsonPieces(report);
  double report_s = Seconds(start);

  ScanFigures f;
  f.files = loaded.files_seen;
  f.models = loaded.models.size();
  for (const auto& m : loaded.models) f.functions += m.functions.size();
  f.findings = report.findings.size();
  f.diagnostics = report.diagnostics.size();
  f.bytes = loaded.bytes_parsed;
  for (const std::string& piece : json) f.json_bytes += piece.size();
  f.load_s = load_s;
  f.rules_s = rules_s;
  f.report_s = report_s;
  f.timing = std::move(result.timing);
  f.rules = engine_options.rules;
  return f;
}

// The process's CPU time so far, user and system, in seconds.
double CpuSeconds() {
  struct rusage u;
  ::getrusage(RUSAGE_SELF, &u);
  auto seconds = [](const struct timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return seconds(u.ru_utime) + seconds(u.ru_stime);
}

// Runs libyaml's event parser over `text`; returns the number of events.
size_t ParseEvents(const std::string& text) {
  yaml_parser_t parser;
  yaml_parser_initialize(&parser);
  yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()),
                               text.size());
  size_t events = 0;
  for (;;) {
    yaml_event_t event;
    if (!yaml_parser_parse(&parser, &event)) break;
    ++events;
    bool end = event.type == YAML_STREAM_END_EVENT;
    yaml_event_delete(&event);
    if (end) break;
  }
  yaml_parser_delete(&parser);
  return events;
}

// Reads every candidate file that Discover finds under `path` and hands it to
// `parse` with its path; returns the seconds taken, discovery included.
template <class Parse>
double ForEachCandidate(const std::string& path, const Parse& parse) {
  fnwarden::util::DiskFileSystem fs;
  fnwarden::util::DiagnosticSink diags;
  fnwarden::load::LoadOptions options;
  auto start = Clock::now();
  for (const auto& f : fnwarden::load::Discover(fs, {path}, options, &diags)) {
    std::string text, err;
    if (fs.ReadFile(f.path, options.max_file_bytes, &text, &err)) parse(f.path, std::move(text));
  }
  return Seconds(start);
}

// Reads and event-parses every candidate file.
double ParseOnly(const std::string& path, uint64_t* bytes) {
  size_t events = 0;
  *bytes = 0;
  double s = ForEachCandidate(path, [&](const std::string&, std::string text) {
    *bytes += text.size();
    events += ParseEvents(text);
  });
  if (events == 0) std::fprintf(stderr, "scan_bench: no YAML events parsed\n");
  return s;
}

// The same files through fnwarden's own YAML parser (syntax::ParseYaml: the
// fast scanner, libyaml where it gives up, and the tree built).
double ParseTrees(const std::string& path) {
  fnwarden::util::DiagnosticSink diags;
  size_t roots = 0;
  double s = ForEachCandidate(path, [&](const std::string& name, std::string text) {
    fnwarden::util::SourceFile file(name, std::move(text));
    auto doc = fnwarden::load::syntax::ParseYaml(&file, {}, &diags);
    if (doc != nullptr) roots += doc->roots().size();
  });
  if (roots == 0) std::fprintf(stderr, "scan_bench: no YAML document parsed\n");
  return s;
}

// Wall time of one `fnwarden scan TEMPLATE --format json` process; -1 when it
// could not run or crashed.
double RunOnce(const std::string& binary, const std::string& tmpl) {
  auto start = Clock::now();
  pid_t pid = ::fork();
  if (pid == 0) {
    int devnull = ::open("/dev/null", O_RDWR);
    ::dup2(devnull, 0);
    ::dup2(devnull, 1);
    ::dup2(devnull, 2);
    const char* argv[] = {binary.c_str(), "scan", tmpl.c_str(), "--format", "json", nullptr};
    ::execv(binary.c_str(), const_cast<char* const*>(argv));
    ::_exit(127);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  double s = Seconds(start);
  if (!WIFEXITED(status) || WEXITSTATUS(status) >= 2) return -1;
  return s;
}

// The rules phase of one scan, split: facts, policy checks, slowest rules.
void PrintProfile(const ScanFigures& f) {
  const auto& t = f.timing;
  std::printf("  profile (1 job): rules %.3f s: facts %.3f s, policy checks %.3f s\n", f.rules_s,
              t.facts_s, t.validate_s);
  fnwarden::bench::PrintSlowestRules(t, f.rules, 15);
}

const char* Verdict(bool ok) { return ok ? "ok" : "MISSED"; }

int Usage() {
  std::fputs(
      "usage: scan_bench [--corpus DIR] [--fnwarden BIN --small TEMPLATE] [--runs N] "
      "[--jobs N] [--profile]\n",
      stderr);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  fnwarden::util::KeepFreedMemory();  // as the fnwarden executable does
  std::string corpus, binary, small;
  int runs = 7;
  unsigned jobs = 0;
  bool profile = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--profile") {
      profile = true;
      continue;
    }
    if (i + 1 >= argc) return Usage();
    std::string value = argv[++i];
    if (arg == "--corpus")
      corpus = value;
    else if (arg == "--fnwarden")
      binary = value;
    else if (arg == "--small")
      small = value;
    else if (arg == "--runs")
      runs = std::max(1, std::atoi(value.c_str()));
    else if (arg == "--jobs")
      jobs = static_cast<unsigned>(std::atoi(value.c_str()));
    else
      return Usage();
  }

  struct stat st;
  if (!corpus.empty() && ::stat(corpus.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
    ScanFigures figures;
    std::vector<double> full, full_single, parse, load, rules, report;
    // Rounds interleave the three measurements, and the ratios are the
    // median of each round's own ratio: on a shared machine the speed drifts
    // between rounds, and a ratio of medians taken minutes apart would
    // measure the drift.
    std::vector<double> ratio, ratio_single, trees, teardown, cpu, cpu_single;
    uint64_t parse_bytes = 0;
    for (int r = 0; r < runs; ++r) {
      Leftovers left;
      double cpu_start = CpuSeconds();
      auto start = Clock::now();
      figures = FullScan(corpus, jobs, &left);
      full.push_back(Seconds(start));
      cpu.push_back(CpuSeconds() - cpu_start);
      start = Clock::now();
      left = Leftovers();
      teardown.push_back(Seconds(start));
      load.push_back(figures.load_s);
      rules.push_back(figures.rules_s);
      report.push_back(figures.report_s);
      parse.push_back(ParseOnly(corpus, &parse_bytes));
      trees.push_back(ParseTrees(corpus));
      cpu_start = CpuSeconds();
      start = Clock::now();
      FullScan(corpus, 1, &left);
      full_single.push_back(Seconds(start));
      cpu_single.push_back(CpuSeconds() - cpu_start);
      left = Leftovers();
      ratio.push_back(full.back() / parse.back());
      ratio_single.push_back(full_single.back() / parse.back());
    }
    struct rusage usage;
    ::getrusage(RUSAGE_SELF, &usage);
    double rss_mb = static_cast<double>(usage.ru_maxrss) / 1024.0;

    double t_full = Median(full), t_single = Median(full_single), t_parse = Median(parse);
    double mb = static_cast<double>(figures.bytes) / 1e6;
    std::printf("corpus: %s\n", corpus.c_str());
    std::printf(
        "  %zu candidate files, %.2f MB parsed, %zu models, %zu functions, %zu findings, "
        "%zu diagnostics, JSON report %zu bytes\n",
        figures.files, mb, figures.models, figures.functions, figures.findings, figures.diagnostics,
        figures.json_bytes);
    std::printf("  full scan (jobs=%s)   %8.3f s  %7.1f MB/s   target < 0.5 s   %s\n",
                jobs == 0 ? "all" : std::to_string(jobs).c_str(), t_full, mb / t_full,
                Verdict(t_full < 0.5));
    std::printf("    load %.3f s, rules %.3f s, JSON report %.3f s\n", Median(load), Median(rules),
                Median(report));
    std::printf(
        "  teardown               %8.3f s            (after the full scan; the CLI leaves it to "
        "the exit)\n",
        Median(teardown));
    std::printf("  full scan (jobs=1)     %8.3f s  %7.1f MB/s\n", t_single, mb / t_single);
    double c_full = Median(cpu), c_single = Median(cpu_single);
    std::printf("  CPU (jobs=%s / jobs=1) %6.3f s / %.3f s   (%.0f%% of one job's work)\n",
                jobs == 0 ? "all" : std::to_string(jobs).c_str(), c_full, c_single,
                c_single > 0 ? 100.0 * c_full / c_single : 0.0);
    std::printf("  parse only (libyaml)   %8.3f s  %7.1f MB/s   (%.2f MB, events only, 1 thread)\n",
                t_parse, static_cast<double>(parse_bytes) / 1e6 / t_parse,
                static_cast<double>(parse_bytes) / 1e6);
    double t_trees = Median(trees);
    std::printf("  parse (ParseYaml)      %8.3f s  %7.1f MB/s   (the same files to syntax trees, 1 thread)\n",
                t_trees, static_cast<double>(parse_bytes) / 1e6 / t_trees);
    double r_full = Median(ratio), r_single = Median(ratio_single);
    std::printf("  ratio full/parse       %8.2f            target < 2       %s\n", r_full,
                Verdict(r_full < 2));
    std::printf("  ratio full(1 job)/parse%8.2f\n", r_single);
    std::printf("  peak RSS               %8.1f MB         target < 200 MB  %s\n", rss_mb,
                Verdict(rss_mb < 200));
    if (profile) {
      Leftovers left;
      PrintProfile(FullScan(corpus, 1, &left, true));
    }
  } else {
    std::printf("corpus: %s not found; skipping the corpus benchmark\n",
                corpus.empty() ? "(none given)" : corpus.c_str());
  }

  if (!binary.empty() && !small.empty()) {
    std::vector<double> times;
    for (int r = 0; r < runs; ++r) {
      double s = RunOnce(binary, small);
      if (s < 0) {
        std::printf("small template: `%s scan %s` failed; skipped\n", binary.c_str(),
                    small.c_str());
        times.clear();
        break;
      }
      times.push_back(s);
    }
    if (!times.empty()) {
      double t = Median(times);
      std::printf("small template: %s\n", small.c_str());
      std::printf("  end to end (process)   %8.1f ms         target < 20 ms   %s\n", t * 1e3,
                  Verdict(t < 0.020));
    }
  }
  std::printf("(median of %d runs; benchmarks are never asserted in tests)\n", runs);
  return 0;
}
