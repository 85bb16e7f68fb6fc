// HCL parsing speed: every .tf file under a folder (the shared corpus by
// default: terraform-modules/ and the Terraform of apps/), read into memory
// once, then parsed by ParseHcl on one thread, RUNS times; prints the median
// MB/s beside the target of 50 MB/s on one core. When the tests' oracle is
// built (tree-sitter-hcl, tests/CMakeLists.txt), the same files are parsed
// by it too, in the same run, and the ratio is printed beside its target
// (at least 20 times faster).
//
//   hcl_bench [--corpus DIR] [--runs N]
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "bench_util.h"
#include "load/syntax/hcl.h"
#include "util/diagnostic.h"
#include "util/source.h"

#if FNWARDEN_TS_HCL_ORACLE
#include <tree_sitter/api.h>
extern "C" const TSLanguage* tree_sitter_hcl();
#endif

namespace {

using fnwarden::bench::Clock;
using fnwarden::bench::Median;
using fnwarden::bench::Seconds;

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

int main(int argc, char** argv) {
  std::string corpus = "../shared/corpus";
  int runs = 7;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--corpus" && i + 1 < argc) {
      corpus = argv[++i];
    } else if (arg == "--runs" && i + 1 < argc) {
      runs = std::max(1, std::atoi(argv[++i]));
    } else {
      std::fprintf(stderr, "usage: hcl_bench [--corpus DIR] [--runs N]\n");
      return 2;
    }
  }
  std::vector<std::unique_ptr<fnwarden::util::SourceFile>> files;
  size_t bytes = 0;
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(corpus, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file() || it->path().extension() != ".tf") continue;
    files.push_back(
        std::make_unique<fnwarden::util::SourceFile>(it->path().string(), ReadFile(it->path())));
    bytes += files.back()->text().size();
  }
  if (files.empty()) {
    std::fprintf(stderr, "hcl_bench: no .tf file under %s\n", corpus.c_str());
    return 2;
  }
  std::vector<double> times;
  size_t failed = 0;
  for (int run = 0; run < runs; ++run) {
    failed = 0;
    Clock::time_point start = Clock::now();
    for (const auto& file : files) {
      fnwarden::util::DiagnosticSink diags;
      std::unique_ptr<fnwarden::load::syntax::hcl::File> parsed =
          fnwarden::load::syntax::hcl::ParseHcl(file.get(), {}, &diags);
      if (parsed == nullptr) ++failed;
    }
    times.push_back(Seconds(start));
  }
  double seconds = Median(times);
  double mbps = static_cast<double>(bytes) / 1e6 / seconds;
  std::printf("hcl: %zu .tf files, %.2f MB under %s (%zu not parsed)\n", files.size(),
              static_cast<double>(bytes) / 1e6, corpus.c_str(), failed);
  std::printf("  ParseHcl, 1 thread         %.4f s   %7.1f MB/s   target >= 50 MB/s   %s\n",
              seconds, mbps, mbps >= 50 ? "ok" : "MISSED");
#if FNWARDEN_TS_HCL_ORACLE
  std::vector<double> oracle_times;
  TSParser* parser = ts_parser_new();
  ts_parser_set_language(parser, tree_sitter_hcl());
  for (int run = 0; run < runs; ++run) {
    Clock::time_point start = Clock::now();
    for (const auto& file : files) {
      std::string_view text = file->text();
      TSTree* tree =
          ts_parser_parse_string(parser, nullptr, text.data(), static_cast<uint32_t>(text.size()));
      ts_tree_delete(tree);
    }
    oracle_times.push_back(Seconds(start));
  }
  ts_parser_delete(parser);
  double oracle = Median(oracle_times);
  double ratio = oracle / seconds;
  std::printf("  tree-sitter-hcl, 1 thread  %.4f s   %7.1f MB/s\n", oracle,
              static_cast<double>(bytes) / 1e6 / oracle);
  std::printf("  ratio                      %.1fx   target >= 20x   %s\n", ratio,
              ratio >= 20 ? "ok" : "MISSED");
#else
  std::printf("  (tree-sitter-hcl comparison: not built; configure with the tests after npm ci)\n");
#endif
  std::printf("(median of %d runs; benchmarks are never asserted in tests)\n", runs);
  return 0;
}
