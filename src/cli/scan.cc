// `fnwarden scan`: load -> rules -> suppressions -> report.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "cli/baseline.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/config.h"
#include "cli/output.h"
#include "load/project.h"
#include "report/report.h"
#include "rules/engine.h"
#include "rules/rule.h"
#include "util/fs.h"
#include "util/strings.h"

namespace fnwarden::cli {
namespace {

constexpr const char* kDefaultFailOn = "low";

struct ScanFlags {
  std::vector<std::string> paths;
  std::string format = "text";
  std::string output;
  std::string fail_on;  // "" until given: the config's, else kDefaultFailOn
  std::vector<std::string> only, skip, params;
  std::string baseline, write_baseline, config;
  bool no_inline_ignores = false;
  unsigned jobs = 0;
  uint64_t max_file_size = 10 << 20;
  bool quiet = false;
};

std::string CurrentDir() {
  std::string buf(4096, '\0');
  if (::getcwd(buf.data(), buf.size()) == nullptr) return "";
  buf.resize(std::char_traits<char>::length(buf.c_str()));
  return buf;
}

// `path` relative to the current directory when it is under it.
std::string Relative(const std::string& path, const std::string& cwd) {
  std::string p = path;
  if (!cwd.empty() && p.size() > cwd.size() && p.compare(0, cwd.size(), cwd) == 0 &&
      p[cwd.size()] == '/') {
    p = p.substr(cwd.size() + 1);
  }
  while (p.size() > 2 && p.compare(0, 2, "./") == 0) p = p.substr(2);
  if (p == ".") p.clear();
  return p;
}

class Progress {
 public:
  explicit Progress(bool on) : on_(on) {}
  ~Progress() { Clear(); }
  void Show(const std::string& text) {
    if (!on_) return;
    std::fprintf(stderr, "\r\x1b[Kfnwarden: %s", text.c_str());
    std::fflush(stderr);
    shown_ = true;
  }
  void Clear() {
    if (!shown_) return;
    std::fputs("\r\x1b[K", stderr);
    std::fflush(stderr);
    shown_ = false;
  }

 private:
  bool on_;
  bool shown_ = false;
};

// Finds and parses the configuration files (config.h, LoadConfigs). False
// (with the problems printed) when one is unusable.
bool LoadConfig(const util::FileSystem& fs, const ScanFlags& flags, const std::string& cwd,
                util::SourceSet* sources, ScanConfig* config) {
  ConfigSearch search{flags.paths, flags.config, cwd, flags.max_file_size};
  util::DiagnosticSink diags;
  bool ok = LoadConfigs(fs, search, sources, &diags, config);
  for (const util::Diagnostic& d : diags.Sorted()) {
    if (ok && d.level == util::DiagLevel::kWarning && flags.quiet) continue;
    std::fputs(util::Render(d).c_str(), stderr);
  }
  if (!ok) UsageError("scan", "the configuration is not usable");
  return ok;
}

bool ParseParams(const std::vector<std::string>& params, std::map<std::string, std::string>* out,
                 std::string* err) {
  for (const std::string& p : params) {
    size_t eq = p.find('=');
    if (eq == std::string::npos || eq == 0) {
      *err = "--param expects Name=Value, got '" + p + "'";
      return false;
    }
    (*out)[p.substr(0, eq)] = p.substr(eq + 1);
  }
  return true;
}

int FailOnCheck(const std::string& value, std::optional<model::Severity>* out) {
  if (util::ToLower(value) == "none") {
    out->reset();
    return -1;
  }
  std::optional<model::Severity> s = model::ParseSeverity(value);
  if (!s) {
    std::string message = "unknown severity '" + value + "' for --fail-on";
    std::string guess = util::ClosestMatch(util::ToLower(value),
                                           {"critical", "high", "medium", "low", "info", "none"});
    if (!guess.empty()) message += "; did you mean " + guess + "?";
    return UsageError("scan", message);
  }
  *out = s;
  return -1;
}

}  // namespace

int RunScan(int argc, char** argv) {
  ScanFlags flags;
  CLI::App app(
      "Scan serverless projects (AWS SAM and CloudFormation templates, YAML or JSON, and CDK "
      "output) for security problems.",
      "scan");
  app.add_option("PATH", flags.paths, "files or folders to scan (default: .)");
  app.add_option("--format", flags.format, "output format: text, json or sarif")
      ->capture_default_str();
  app.add_option("-o,--output", flags.output,
                 "write the report to FILE (atomically) instead of standard output");
  app.add_option("--fail-on", flags.fail_on,
                 "exit 1 when a finding is at or above SEVERITY: critical, high, medium, low, "
                 "info or none (default: low)");
  app.add_option("--only", flags.only, "run only these rules or areas (IAM, FNW-CFG-003; repeatable, comma lists)")
      ->allow_extra_args(false);
  app.add_option("--skip", flags.skip, "skip these rules or areas (repeatable, comma lists)")
      ->allow_extra_args(false);
  app.add_option("--baseline", flags.baseline,
                 "suppress findings whose fingerprints are in FILE (from --write-baseline or "
                 "--format json)");
  app.add_option("--write-baseline", flags.write_baseline,
                 "write the fingerprints of this scan's findings to FILE");
  app.add_option(
      "--config", flags.config,
      "configuration file for every scanned file (default: the nearest .fnwarden.yml at or "
      "above each scanned path, up to the repository root)");
  app.add_option("--param", flags.params,
                 "CloudFormation parameter or pseudo parameter, Name=Value (repeatable)")
      ->allow_extra_args(false);
  app.add_flag("--no-inline-ignores", flags.no_inline_ignores,
               "audit mode: ignore fnwarden:ignore comments and resource Metadata ignores");
  app.add_option("-j,--jobs", flags.jobs, "worker threads (default: all cores)");
  app.add_option("--max-file-size", flags.max_file_size,
                 "skip files larger than BYTES, with a diagnostic")
      ->capture_default_str();
  app.add_flag("-q,--quiet", flags.quiet, "no progress, warnings or summary line");
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    WriteStdout(app.help());
    return kExitClean;
  } catch (const CLI::ParseError& e) {
    return UsageError("scan", e.what());
  }
  auto started = std::chrono::steady_clock::now();
  if (flags.paths.empty()) flags.paths.push_back(".");
  if (flags.format != "text" && flags.format != "json" && flags.format != "sarif") {
    std::string message = "unknown format '" + flags.format + "'";
    std::string guess = util::ClosestMatch(flags.format, {"text", "json", "sarif"});
    if (!guess.empty()) message += "; did you mean " + guess + "?";
    return UsageError("scan", message + " (expected text, json or sarif)");
  }

  util::DiskFileSystem fs;
  std::string cwd = CurrentDir();
  util::SourceSet config_sources;
  ScanConfig scan_config;
  if (!LoadConfig(fs, flags, cwd, &config_sources, &scan_config)) return kExitUsage;
  const Config& config = scan_config.settings;

  std::optional<model::Severity> fail_on;
  std::string fail_on_text =
      !flags.fail_on.empty() ? flags.fail_on : config.fail_on.value_or(kDefaultFailOn);
  if (int rc = FailOnCheck(fail_on_text, &fail_on); rc >= 0) return rc;

  std::vector<std::string> only = flags.only.empty() ? config.only : flags.only;
  std::vector<std::string> skip = config.skip;
  skip.insert(skip.end(), flags.skip.begin(), flags.skip.end());
  rules::EngineOptions engine;
  std::string err;
  if (!rules::SelectRules(rules::AllRules(), only, skip, &engine.rules, &err)) {
    return UsageError("scan", err);
  }
  engine.jobs = flags.jobs;
  engine.known_ids = rules::KnownIds(rules::AllRules());
  engine.suppressions.inline_ignores = !flags.no_inline_ignores;
  engine.suppressions.configs = std::move(scan_config.scopes);
  engine.suppressions.cwd = cwd;
  if (!flags.baseline.empty()) {
    std::string text;
    if (!fs.ReadFile(flags.baseline, 1ull << 30, &text, &err) ||
        !ParseBaseline(text, &engine.suppressions.baseline, &err)) {
      return UsageError("scan", "baseline " + flags.baseline + ": " + err);
    }
    engine.suppressions.baseline_path = Relative(flags.baseline, cwd);
  }

  load::LoadOptions load_options;
  if (!ParseParams(flags.params, &load_options.parameters, &err)) return UsageError("scan", err);
  load_options.max_file_bytes = flags.max_file_size;
  load_options.jobs = flags.jobs;

  Progress progress(IsTerminal(2) && !flags.quiet);
  progress.Show("reading " + util::Join(flags.paths, " ") + "...");
  util::DiagnosticSink diags;
  load::LoadResult loaded;
  load::LoadProjects(fs, flags.paths, load_options, &diags, &loaded);
  progress.Show("running " + std::to_string(engine.rules.size()) + " rules on " +
                std::to_string(loaded.models.size()) + " projects...");
  rules::EngineResult result;
  rules::RunEngine(loaded.models, engine, &diags, &result);
  progress.Clear();

  report::ScanReport r;
  r.tool_version = std::string(kVersion);
  r.jobs = flags.jobs;
  r.findings = std::move(result.findings);
  r.suppressed = std::move(result.suppressed);
  r.diagnostics = diags.Sorted();
  for (const rules::Rule* rule : engine.rules) r.rules.push_back(&rule->info);
  report::CountFindings(&r);
  r.summary.files = loaded.files_seen;
  r.summary.projects = loaded.models.size();
  r.summary.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!cwd.empty()) r.source_root = cwd == "/" ? "/" : cwd + "/";

  std::string out;
  bool to_stdout = flags.output.empty() || flags.output == "-";
  if (flags.format == "json") {
    out = report::RenderJson(r);
  } else if (flags.format == "sarif") {
    out = report::RenderSarif(r);
  } else {
    report::TextOptions text;
    text.color = to_stdout && ColorWanted(1);
    text.show_warnings = !flags.quiet;
    text.show_summary = !flags.quiet;
    out = report::RenderText(r, text);
  }
  // Diagnostics also go to stderr when the report itself is not text on
  // standard output, so a CI log shows why results are partial.
  if (flags.format != "text" || !to_stdout) {
    for (const util::Diagnostic& d : r.diagnostics) {
      if (d.level == util::DiagLevel::kWarning && flags.quiet) continue;
      std::fputs((util::RenderHeadline(d) + "\n").c_str(), stderr);
    }
  }
  if (to_stdout) {
    WriteStdout(out);
  } else if (!WriteFileAtomically(flags.output, out, &err)) {
    return UsageError("scan", err);
  } else if (!flags.quiet) {
    std::fprintf(stderr, "fnwarden: wrote %zu findings to %s\n", r.summary.findings,
                 flags.output.c_str());
  }
  if (!flags.write_baseline.empty() &&
      !WriteFileAtomically(flags.write_baseline, RenderBaseline(r), &err)) {
    return UsageError("scan", err);
  }

  // Partial input takes precedence: the findings may be incomplete.
  bool input_errors = std::any_of(r.diagnostics.begin(), r.diagnostics.end(), [](const auto& d) {
    return d.level == util::DiagLevel::kError;
  });
  if (input_errors) return kExitPartial;
  if (fail_on) {
    for (const model::Finding& f : r.findings) {
      if (f.severity >= *fail_on) return kExitFindings;
    }
  }
  return kExitClean;
}

}  // namespace fnwarden::cli
