// `fnwarden scan`: load -> rules -> suppressions -> reports.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/advisories.h"
#include "cli/baseline.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/config.h"
#include "cli/iam_command.h"
#include "cli/osv_cache.h"
#include "cli/output.h"
#include "load/project.h"
#include "report/cyclonedx.h"
#include "report/report.h"
#include "rules/engine.h"
#include "rules/rule.h"
#include "util/fs.h"
#include "util/strings.h"
#include "util/terminal.h"

namespace fnwarden::cli {
namespace {

// Risk findings of this severity and above fail a run; hardening findings
// fail it only when --fail-on-hardening asks.
constexpr const char* kDefaultFailOn = "high";
constexpr const char* kDefaultFailOnHardening = "none";
constexpr unsigned kMaxJobs = 1024;

constexpr std::string_view kWhatFnwardenReads =
    "fnwarden reads AWS SAM and CloudFormation templates (YAML or JSON), cdk.out assemblies and "
    "Serverless Framework services (serverless.yml)";

struct ScanFlags {
  std::vector<std::string> paths;
  std::string format = "text";
  std::string output;
  std::vector<std::string> output_json, output_sarif, output_text, output_cyclonedx;
  std::string osv_db;  // --osv-db; "" for the cache folder of `fnwarden db update`
  std::string fail_on;  // "" until given: the config's, else kDefaultFailOn
  std::string fail_on_hardening;  // likewise, else kDefaultFailOnHardening
  bool soft_fail = false;
  bool hardening = false;
  bool compact = false;
  std::vector<std::string> only, skip, params, exclude, tf_vars, tf_var_files;
  bool follow_symlinks = false;
  std::string stage;
  bool resolve_env = false, resolve_files = false;
  std::string scan_date;  // YYYY-MM-DD; "" for today (UTC)
  std::string baseline, write_baseline, config;
  bool no_inline_ignores = false;
  // -j and --max-file-size as given (when given), checked into the two below.
  std::optional<std::string> jobs_text, max_file_size_text;
  unsigned jobs = 0;
  uint64_t max_file_size = 10 << 20;
  bool quiet = false;
};

// One report to write: a format and a file ("" for standard output).
struct Output {
  std::string format;  // "text", "json", "sarif" or "cyclonedx"
  std::string path;
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
    std::fprintf(stderr, "\r\x1b[Kfnwarden: %s", util::TerminalSafeLine(text).c_str());
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
    std::fputs(RenderDiagnostic(d).c_str(), stderr);
  }
  if (!ok) UsageError("scan", "the configuration is not usable");
  return ok;
}

// A whole number in [min, max]; false when `text` is anything else.
bool ParseCount(const std::string& text, uint64_t min, uint64_t max, uint64_t* out) {
  uint64_t value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end || value < min || value > max) return false;
  *out = value;
  return true;
}

// Checks -j and --max-file-size into `flags`; -1 to go on, else the exit code.
int CheckNumbers(ScanFlags* flags) {
  uint64_t value = 0;
  if (flags->jobs_text) {
    if (!ParseCount(*flags->jobs_text, 1, kMaxJobs, &value)) {
      return UsageError("scan", "-j/--jobs expects a number of threads from 1 to " +
                                    std::to_string(kMaxJobs) + ", got '" + *flags->jobs_text +
                                    "'");
    }
    flags->jobs = static_cast<unsigned>(value);
  }
  if (flags->max_file_size_text) {
    if (!ParseCount(*flags->max_file_size_text, 1, UINT64_MAX, &value)) {
      return UsageError("scan", "--max-file-size expects a number of bytes (a whole number of 1 "
                                "or more), got '" +
                                    *flags->max_file_size_text + "'");
    }
    flags->max_file_size = value;
  }
  return -1;
}

// --scan-date: a calendar date written YYYY-MM-DD; -1 to go on, else the
// exit code.
int ScanDateCheck(const std::string& text, std::chrono::sys_days* out) {
  uint64_t y = 0, m = 0, d = 0;
  bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-' &&
                ParseCount(text.substr(0, 4), 0, 9999, &y) &&
                ParseCount(text.substr(5, 2), 1, 12, &m) && ParseCount(text.substr(8, 2), 1, 31, &d);
  std::chrono::year_month_day date{std::chrono::year(static_cast<int>(y)),
                                   std::chrono::month(static_cast<unsigned>(m)),
                                   std::chrono::day(static_cast<unsigned>(d))};
  if (!shaped || !date.ok()) {
    return UsageError("scan", "--scan-date expects a date written YYYY-MM-DD, got '" + text + "'");
  }
  *out = std::chrono::sys_days(date);
  return -1;
}

// `--fail-on` and `--fail-on-hardening`: a severity or "none" (nullopt).
int FailOnCheck(std::string_view option, const std::string& value,
                std::optional<model::Severity>* out) {
  if (util::ToLower(value) == "none") {
    out->reset();
    return -1;
  }
  std::optional<model::Severity> s = model::ParseSeverity(value);
  if (!s) {
    std::string message = "unknown severity '" + value + "' for " + std::string(option);
    std::string guess = util::ClosestMatch(util::ToLower(value),
                                           {"critical", "high", "medium", "low", "info", "none"});
    if (!guess.empty()) message += "; did you mean " + guess + "?";
    return UsageError("scan", message);
  }
  *out = s;
  return -1;
}

// A report format, case-insensitive: "text", "json", "sarif" or
// "cyclonedx"; "" when unknown (after printing the error).
std::string CheckFormat(const std::string& format) {
  std::string lower = util::ToLower(format);
  if (lower == "text" || lower == "json" || lower == "sarif" || lower == "cyclonedx") return lower;
  std::string message = "unknown format '" + format + "'";
  std::string guess = util::ClosestMatch(lower, {"text", "json", "sarif", "cyclonedx"});
  if (!guess.empty()) message += "; did you mean " + guess + "?";
  UsageError("scan", message + " (expected text, json, sarif or cyclonedx)");
  return "";
}

// How the console names a report format.
std::string FormatName(const std::string& format) {
  if (format == "sarif") return "SARIF";
  if (format == "cyclonedx") return "CycloneDX";
  return format;
}

// The reports to write: --format/--output, then every --output-FORMAT. At
// most one goes to standard output, and no file takes two. Empty after a
// usage error (printed).
std::vector<Output> CollectOutputs(const ScanFlags& flags) {
  std::vector<Output> out;
  std::string format = CheckFormat(flags.format);
  if (format.empty()) return {};
  out.push_back({format, flags.output == "-" ? "" : flags.output});
  for (const auto& [fmt, files] : {std::make_pair("json", &flags.output_json),
                                   std::make_pair("sarif", &flags.output_sarif),
                                   std::make_pair("text", &flags.output_text),
                                   std::make_pair("cyclonedx", &flags.output_cyclonedx)}) {
    for (const std::string& f : *files) out.push_back({fmt, f == "-" ? "" : f});
  }
  // A file named only by --output-FORMAT leaves --format's report on
  // standard output, as without any --output-FORMAT.
  for (size_t i = 0; i < out.size(); ++i) {
    for (size_t j = i + 1; j < out.size(); ++j) {
      if (out[i].path != out[j].path) continue;
      UsageError("scan", out[i].path.empty()
                             ? "only one report can go to standard output"
                             : "two reports cannot go to the same file " + out[i].path);
      return {};
    }
  }
  return out;
}

// Rule IDs may be given without their "FNW-" prefix: "IAM-001", "iam-001".
std::vector<std::string> WithRulePrefix(const std::vector<std::string>& entries) {
  std::vector<std::string> out;
  for (const std::string& entry : entries) {
    std::string fixed;
    for (std::string_view part : util::Split(entry, ',')) {
      if (!fixed.empty()) fixed += ",";
      size_t begin = part.find_first_not_of(" \t"), end = part.find_last_not_of(" \t");
      std::string_view word = begin == std::string_view::npos
                                  ? std::string_view()
                                  : part.substr(begin, end - begin + 1);
      size_t dash = word.find('-');
      bool area = dash != std::string_view::npos && dash > 0 &&
                  std::all_of(word.begin(), word.begin() + dash,
                              [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
      bool number = dash != std::string_view::npos && dash + 1 < word.size() &&
                    std::all_of(word.begin() + dash + 1, word.end(),
                                [](char c) { return c >= '0' && c <= '9'; });
      bool bare = area && number && !util::EqualsIgnoreCase(word.substr(0, dash), "FNW");
      fixed += (bare ? "FNW-" : "") + std::string(part);
    }
    out.push_back(fixed);
  }
  return out;
}

// The report in pieces, to be written in order (a large JSON or SARIF
// report is never joined into one string).
std::vector<std::string> RenderReport(const report::ScanReport& r, const report::SbomInput& sbom,
                                      const Output& o, const ScanFlags& flags) {
  if (o.format == "cyclonedx") return {report::RenderCycloneDx(sbom)};
  if (o.format == "json") return report::RenderJsonPieces(r);
  if (o.format == "sarif") return report::RenderSarifPieces(r);
  report::TextOptions text;
  text.color = o.path.empty() && ColorWanted(1);
  text.show_warnings = !flags.quiet;
  text.show_summary = !flags.quiet;
  text.hardening = flags.hardening;
  text.compact = flags.compact;
  text.secrets = FindSecrets;
  return {report::RenderText(r, text)};
}

// The exit code for a scan without input errors.
int FindingsExitCode(const report::ScanReport& r, std::optional<model::Severity> fail_on,
                     std::optional<model::Severity> fail_on_hardening) {
  for (const model::Finding& f : r.findings) {
    std::optional<model::Severity> threshold =
        report::IsHardening(f) ? fail_on_hardening : fail_on;
    if (threshold && f.severity >= *threshold) return kExitFindings;
  }
  return kExitClean;
}

}  // namespace

namespace {

// The process ends when a scan returns, and the system then takes its
// memory back at once, while freeing the models and findings of a large
// template object by object takes time of its own (20,000 functions leave
// hundreds of megabytes of them: about 0.1 s of a 1.8 s scan). So the
// finished scan leaves them to the exit, still reachable, which leak
// checkers accept.
void LeaveToExit(load::LoadResult* loaded, report::ScanReport* r) {
  struct Left {
    std::vector<model::Model> models;
    std::vector<model::Finding> findings;
    std::vector<rules::Suppressed> suppressed;
  };
  static Left* const left = new Left;
  left->models = std::move(loaded->models);
  left->findings = std::move(r->findings);
  left->suppressed = std::move(r->suppressed);
}

// `fnwarden scan`, and `fnwarden sbom` (`sbom`: the CycloneDX report by
// default, and the exit code says only whether the input could be read).
int Scan(int argc, char** argv, bool sbom) {
  ScanFlags flags;
  if (sbom) {
    flags.format = "cyclonedx";
    flags.soft_fail = true;
  }
  const char* command = sbom ? "sbom" : "scan";
  CLI::App app(sbom ? "Write the software bill of materials of serverless projects as CycloneDX "
                      "1.5 JSON: every function, the third-party packages it ships (from its "
                      "lockfiles) and their known vulnerabilities."
                    : "Scan serverless projects (AWS SAM and CloudFormation templates, YAML or "
                      "JSON, CDK output, Serverless Framework services and Terraform) for "
                      "security problems.",
               command);
  app.add_option("PATH", flags.paths, "files or folders to scan (default: .)");
  app.add_option("--format", flags.format,
                 "format of the report on standard output (or --output): text, json, sarif or "
                 "cyclonedx")
      ->capture_default_str();
  app.add_option("-o,--output", flags.output,
                 "write that report to FILE (atomically; a regular file only) instead of "
                 "standard output");
  app.add_option("--output-json", flags.output_json, "also write a JSON report to FILE (repeatable)")
      ->allow_extra_args(false);
  app.add_option("--output-sarif", flags.output_sarif,
                 "also write a SARIF report to FILE (repeatable)")
      ->allow_extra_args(false);
  app.add_option("--output-text", flags.output_text, "also write a text report to FILE (repeatable)")
      ->allow_extra_args(false);
  app.add_option("--output-cyclonedx", flags.output_cyclonedx,
                 "also write the CycloneDX 1.5 bill of materials to FILE (repeatable)")
      ->allow_extra_args(false);
  app.add_option("--osv-db", flags.osv_db,
                 "OSV vulnerability database: a folder of OSV JSON files or per-ecosystem "
                 "all.zip archives (default: the folder `fnwarden db update` fills)");
  app.add_option("--fail-on", flags.fail_on,
                 "exit 1 when a risk finding is at or above SEVERITY: critical, high, medium, low, "
                 "info or none (default: high)");
  app.add_option("--fail-on-hardening", flags.fail_on_hardening,
                 "exit 1 when a hardening finding is at or above SEVERITY (default: none)");
  app.add_option("--exclude", flags.exclude,
                 "skip files and folders matching GLOB (repeatable; ** crosses folders, a "
                 "trailing / means a folder)")
      ->allow_extra_args(false);
  app.add_flag("--follow-symlinks", flags.follow_symlinks,
               "follow symbolic links that lead out of the scanned folders (off: each is "
               "skipped with a warning)");
  app.add_option("--stage", flags.stage,
                 "Serverless Framework: the stage to read services for (${opt:stage}, "
                 "${sls:stage}; default: each service's provider.stage, else dev)");
  app.add_flag("--resolve-env", flags.resolve_env,
               "Serverless Framework: resolve ${env:...} from this environment (off: such "
               "values are unknown, so that a scan never reads the runner's secrets)");
  app.add_flag("--resolve-files", flags.resolve_files,
               "Serverless Framework: read ${file(...)} YAML and JSON files inside the scanned "
               "folders (off: such values are unknown)");
  app.add_option("--scan-date", flags.scan_date,
                 "judge runtime end-of-life as of DATE (YYYY-MM-DD; default: today, UTC), for "
                 "results that do not change with the calendar");
  app.add_flag("--soft-fail", flags.soft_fail,
               "exit 0 whatever the findings (2 and 3 still report usage and input errors)");
  app.add_flag("--hardening", flags.hardening,
               "text: show every hardening finding in full, not one line per rule");
  app.add_flag("--compact", flags.compact, "text: one line per finding");
  app.add_option("--only", flags.only,
                 "run only these rules or areas (IAM, FNW-CFG-003, CFG-003; repeatable, comma "
                 "lists)")
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
  app.add_option("--var", flags.tf_vars,
                 "Terraform: a root module variable, NAME=VALUE (repeatable; a string, as "
                 "terraform plan -var reads one)")
      ->allow_extra_args(false);
  app.add_option("--var-file", flags.tf_var_files,
                 "Terraform: a .tfvars file for every root module, read after its "
                 "terraform.tfvars and *.auto.tfvars (repeatable)")
      ->allow_extra_args(false);
  app.add_flag("--no-inline-ignores", flags.no_inline_ignores,
               "audit mode: ignore fnwarden:ignore comments and resource Metadata ignores");
  std::string jobs, max_file_size;
  CLI::Option* jobs_option = app.add_option(
      "-j,--jobs", jobs, "worker threads, 1 to " + std::to_string(kMaxJobs) + " (default: all cores)");
  CLI::Option* size_option =
      app.add_option("--max-file-size", max_file_size,
                     "skip files larger than BYTES, with a diagnostic (default: " +
                         std::to_string(flags.max_file_size) + ")");
  app.add_flag("-q,--quiet", flags.quiet, "no progress, warnings or summary");
  if (int rc = ParseCommandLine(app, argc, argv); rc >= 0) return rc;
  if (jobs_option->count() > 0) flags.jobs_text = jobs;
  if (size_option->count() > 0) flags.max_file_size_text = max_file_size;
  auto started = std::chrono::steady_clock::now();
  if (flags.paths.empty()) flags.paths.push_back(".");
  if (int rc = CheckNumbers(&flags); rc >= 0) return rc;
  std::vector<Output> outputs = CollectOutputs(flags);
  if (outputs.empty()) return kExitUsage;

  util::DiskFileSystem fs;
  std::string cwd = CurrentDir();
  util::SourceSet config_sources;
  ScanConfig scan_config;
  if (!LoadConfig(fs, flags, cwd, &config_sources, &scan_config)) return kExitUsage;
  const Config& config = scan_config.settings;

  std::optional<model::Severity> fail_on, fail_on_hardening;
  std::string fail_on_text =
      !flags.fail_on.empty() ? flags.fail_on : config.fail_on.value_or(kDefaultFailOn);
  if (int rc = FailOnCheck("--fail-on", fail_on_text, &fail_on); rc >= 0) return rc;
  std::string fail_on_hardening_text =
      !flags.fail_on_hardening.empty() ? flags.fail_on_hardening
                                       : config.fail_on_hardening.value_or(kDefaultFailOnHardening);
  if (int rc = FailOnCheck("--fail-on-hardening", fail_on_hardening_text, &fail_on_hardening);
      rc >= 0) {
    return rc;
  }

  std::vector<std::string> only = WithRulePrefix(flags.only.empty() ? config.only : flags.only);
  std::vector<std::string> skip = config.skip;
  skip.insert(skip.end(), flags.skip.begin(), flags.skip.end());
  skip = WithRulePrefix(skip);
  rules::EngineOptions engine;
  std::string err;
  if (!rules::SelectRules(rules::AllRules(), only, skip, &engine.rules, &err)) {
    return UsageError(command, err);
  }
  if (sbom) engine.rules.clear();
  engine.jobs = flags.jobs;
  if (!flags.scan_date.empty()) {
    if (int rc = ScanDateCheck(flags.scan_date, &engine.today); rc >= 0) return rc;
  }
  engine.known_ids = rules::KnownIds(rules::AllRules());
  engine.suppressions.inline_ignores = !flags.no_inline_ignores;
  engine.suppressions.configs = std::move(scan_config.scopes);
  engine.suppressions.cwd = cwd;
  if (!flags.baseline.empty()) {
    std::string text;
    if (!fs.ReadFile(flags.baseline, 1ull << 30, &text, &err) ||
        !ParseBaseline(text, &engine.suppressions.baseline, &err)) {
      return UsageError(command, "baseline " + flags.baseline + ": " + err);
    }
    engine.suppressions.baseline_path = Relative(flags.baseline, cwd);
  }

  load::LoadOptions load_options;
  if (!iam_cli::ParseParamFlags(flags.params, &load_options.parameters, &err)) {
    return UsageError(command, err);
  }
  for (const std::string& v : flags.tf_vars) {
    size_t eq = v.find('=');
    if (eq == std::string::npos || eq == 0) {
      return UsageError(command, "--var expects NAME=VALUE, got '" + v + "'");
    }
    load_options.tf_vars.emplace_back(v.substr(0, eq), v.substr(eq + 1));
  }
  load_options.tf_var_files = flags.tf_var_files;
  load_options.max_file_bytes = flags.max_file_size;
  load_options.jobs = flags.jobs;
  load_options.follow_symlinks = flags.follow_symlinks;
  load_options.stage = flags.stage;
  load_options.resolve_env = flags.resolve_env;
  load_options.resolve_files = flags.resolve_files;
  load_options.exclude = flags.exclude;
  load_options.exclude.insert(load_options.exclude.end(), scan_config.exclude.begin(),
                              scan_config.exclude.end());

  Progress progress(IsTerminal(2) && !flags.quiet);
  progress.Show("reading " + util::Join(flags.paths, " ") + "...");
  util::DiagnosticSink diags;
  load::LoadResult loaded;
  load::LoadProjects(fs, flags.paths, load_options, &diags, &loaded);
  if (loaded.models.empty() && (!diags.has_errors() || loaded.files_seen == 0)) {
    progress.Clear();
    for (const util::Diagnostic& d : diags.Sorted()) {
      std::fputs(RenderDiagnostic(d).c_str(), stderr);
    }
    return UsageError(command, "no template found under " + util::Join(flags.paths, ", ") + ": " +
                                  std::string(kWhatFnwardenReads));
  }
  progress.Show("running " + report::Plural(engine.rules.size(), "rule") + " on " +
                report::Plural(loaded.models.size(), "project") + "...");
  AdvisoryOptions advisory_options;
  advisory_options.osv_db = flags.osv_db;
  advisory_options.now_unix = std::chrono::duration_cast<std::chrono::seconds>(
                                  std::chrono::system_clock::now().time_since_epoch())
                                  .count();
  AdvisoryResult advisories;
  if (!MatchAdvisories(fs, advisory_options, &loaded.models, &loaded.sources, &diags,
                       &advisories, &err)) {
    progress.Clear();
    return UsageError(command, err);
  }
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

  // The reports, then a console summary where no text report went: on
  // standard output when no report did, else on standard error.
  bool text_on_stdout = false, any_on_stdout = false;
  std::string console;
  report::SbomInput sbom_input;
  if (std::any_of(outputs.begin(), outputs.end(),
                  [](const Output& o) { return o.format == "cyclonedx"; })) {
    sbom_input = SbomOf(loaded.models, flags.paths.front(), kVersion);
    sbom_input.timestamp =
        flags.scan_date.empty() ? FormatUtcTime(advisory_options.now_unix)
                                : flags.scan_date + "T00:00:00Z";
  }
  for (const Output& o : outputs) {
    std::vector<std::string> out = RenderReport(r, sbom_input, o, flags);
    if (o.path.empty()) {
      any_on_stdout = true;
      text_on_stdout = o.format == "text";
      for (const std::string& piece : out) {
        if (!WriteStdout(piece)) break;
      }
    } else if (!WriteFileAtomically(o.path, out, &err)) {
      return UsageError(command, err);
    } else {
      console += "fnwarden: wrote the " + FormatName(o.format) +
                 " report to " + util::TerminalSafeLine(o.path) + "\n";
    }
  }
  if (text_on_stdout) {
    if (!flags.quiet) std::fputs(console.c_str(), stderr);
  } else {
    // Diagnostics on standard error, one line each, so a CI log shows why
    // results are partial; then the summary.
    for (const util::Diagnostic& d : r.diagnostics) {
      if (d.level == util::DiagLevel::kWarning && flags.quiet) continue;
      std::fputs((util::RenderHeadline(d) + "\n").c_str(), stderr);
    }
    // `fnwarden sbom` runs no rule: what it found is its summary.
    std::string found =
        "fnwarden: " + report::Plural(sbom_input.functions.size(), "function") + " with " +
        report::Plural(advisories.packages, "versioned package") +
        (advisories.db.empty() ? ", not checked for vulnerabilities\n"
                               : ", " + std::to_string(advisories.vulnerable) + " vulnerable\n");
    std::string summary =
        flags.quiet ? "" : (sbom ? found : report::RenderTextSummary(r, false)) + console;
    if (any_on_stdout) {
      std::fputs(summary.c_str(), stderr);
    } else {
      WriteStdout(summary);
    }
  }
  if (!flags.write_baseline.empty() &&
      !WriteFileAtomically(flags.write_baseline, RenderBaseline(r), &err)) {
    return UsageError(command, err);
  }

  // Partial input takes precedence: the findings may be incomplete.
  int code = diags.has_errors() ? kExitPartial
             : flags.soft_fail  ? kExitClean
                                : FindingsExitCode(r, fail_on, fail_on_hardening);
  LeaveToExit(&loaded, &r);
  return code;
}

}  // namespace

int RunScan(int argc, char** argv) { return Scan(argc, argv, /*sbom=*/false); }
int RunSbom(int argc, char** argv) { return Scan(argc, argv, /*sbom=*/true); }

}  // namespace fnwarden::cli
