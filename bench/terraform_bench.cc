// Terraform end to end: every folder of .tf files under the corpus's
// `terraform-modules/` and `apps/` loaded (discovered, read, parsed,
// evaluated, compiled, adapted, linked), every rule run through the engine
// and the JSON report rendered, as `fnwarden scan --format json` does minus
// printing; the templates beside them are excluded. Beside it, the same
// .tf files only parsed (hcl_bench's figure) on one thread, in the same
// run, and the ratio. Target: the whole scan under 0.2 s on 2 cores.
//
//   terraform_bench [--corpus DIR] [--runs N] [--jobs N]
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "bench_util.h"
#include "load/project.h"
#include "load/syntax/hcl.h"
#include "report/report.h"
#include "rules/engine.h"
#include "rules/rule.h"
#include "util/diagnostic.h"
#include "util/fs.h"
#include "util/source.h"

namespace {

using fnwarden::bench::Clock;
using fnwarden::bench::Median;
using fnwarden::bench::Seconds;
namespace fl = fnwarden::load;
namespace fr = fnwarden::rules;

struct Figures {
  double load_s = 0, rules_s = 0, report_s = 0;
  size_t models = 0, functions = 0, findings = 0, files = 0;
  uint64_t bytes = 0;
};

Figures Scan(const std::vector<std::string>& paths, unsigned jobs) {
  Figures f;
  auto start = Clock::now();
  fnwarden::util::DiskFileSystem fs;
  fnwarden::util::DiagnosticSink diags;
  fl::LoadOptions options;
  options.jobs = jobs;
  // The Terraform only: templates and services beside it are not read.
  options.exclude = {"*.yaml", "*.yml", "*.json", "*.template"};
  fl::LoadResult loaded;
  fl::LoadProjects(fs, paths, options, &diags, &loaded);
  f.load_s = Seconds(start);
  start = Clock::now();
  fr::EngineOptions engine_options;
  std::string err;
  fr::SelectRules(fr::AllRules(), {}, {}, &engine_options.rules, &err);
  engine_options.jobs = jobs;
  engine_options.known_ids = fr::KnownIds(fr::AllRules());
  fr::EngineResult result;
  fr::RunEngine(loaded.models, engine_options, &diags, &result);
  f.rules_s = Seconds(start);
  start = Clock::now();
  fnwarden::report::ScanReport report;
  report.tool_version = "bench";
  report.jobs = jobs;
  report.findings = std::move(result.findings);
  report.diagnostics = diags.Sorted();
  for (const fr::Rule* rule : engine_options.rules) report.rules.push_back(&rule->info);
  fnwarden::report::CountFindings(&report);
  std::string json = fnwarden::report::RenderJson(report);
  f.report_s = Seconds(start);
  f.models = loaded.models.size();
  for (const auto& m : loaded.models) f.functions += m.functions.size();
  f.findings = report.findings.size();
  f.files = loaded.files_seen;
  f.bytes = loaded.bytes_parsed;
  return f;
}

}  // namespace

int main(int argc, char** argv) {
  std::string corpus = "../shared/corpus";
  int runs = 7;
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
      std::fprintf(stderr, "usage: terraform_bench [--corpus DIR] [--runs N] [--jobs N]\n");
      return 2;
    }
  }
  // The folders to scan: terraform-modules whole, and each app of apps/
  // that holds Terraform.
  std::vector<std::string> paths;
  std::vector<std::string> tf_files;
  std::error_code ec;
  if (std::filesystem::is_directory(corpus + "/terraform-modules", ec)) {
    paths.push_back(corpus + "/terraform-modules");
  }
  std::set<std::string> apps;
  for (const char* sub : {"terraform-modules", "apps"}) {
    std::string dir = corpus + "/" + sub;
    for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
      if (!it->is_regular_file() || it->path().extension() != ".tf") continue;
      tf_files.push_back(it->path().string());
      if (std::string(sub) == "apps") {
        std::filesystem::path rel = std::filesystem::relative(it->path(), dir);
        apps.insert(dir + "/" + rel.begin()->string());
      }
    }
  }
  paths.insert(paths.end(), apps.begin(), apps.end());
  if (tf_files.empty()) {
    std::fprintf(stderr, "terraform_bench: no .tf file under %s\n", corpus.c_str());
    return 0;
  }
  std::vector<std::string> texts;
  uint64_t tf_bytes = 0;
  for (const std::string& f : tf_files) {
    std::ifstream in(f, std::ios::binary);
    texts.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    tf_bytes += texts.back().size();
  }

  std::vector<double> scans, loads, rules, reports, parses, ratios;
  Figures last;
  Scan(paths, jobs);  // warm the file cache
  for (int r = 0; r < runs; ++r) {
    auto start = Clock::now();
    last = Scan(paths, jobs);
    double scan_s = Seconds(start);
    start = Clock::now();
    for (const std::string& text : texts) {
      fnwarden::util::SourceFile source("x.tf", text);
      fnwarden::util::DiagnosticSink diags;
      auto parsed = fnwarden::load::syntax::hcl::ParseHcl(&source, {}, &diags);
    }
    double parse_s = Seconds(start);
    scans.push_back(scan_s);
    loads.push_back(last.load_s);
    rules.push_back(last.rules_s);
    reports.push_back(last.report_s);
    parses.push_back(parse_s);
    ratios.push_back(scan_s / parse_s);
  }
  std::printf(
      "terraform_bench: %zu .tf files (%.2f MB) in %zu folders; %zu root modules, %zu "
      "functions, %zu findings\n",
      tf_files.size(), static_cast<double>(tf_bytes) / 1e6, paths.size(), last.models,
      last.functions, last.findings);
  std::printf("  full scan, %u jobs:      %7.1f ms   (target < 200 ms)\n", jobs,
              Median(scans) * 1e3);
  std::printf("    load / rules / report: %.1f / %.1f / %.1f ms\n", Median(loads) * 1e3,
              Median(rules) * 1e3, Median(reports) * 1e3);
  std::printf("  parse only, 1 thread:    %7.1f ms   (%.0f MB/s)\n", Median(parses) * 1e3,
              static_cast<double>(tf_bytes) / 1e6 / Median(parses));
  std::printf("  ratio full scan / parse: %7.2f\n", Median(ratios));
  return 0;
}
