// Reporters: render the result of a scan (findings, suppressed findings,
// diagnostics, rule metadata and a summary) as text, JSON or SARIF.
//
// Reporters read only what a ScanReport holds: they never see models, syntax
// or rule code, and never print. Every Render function is deterministic for a
// given ScanReport (the text summary shows `summary.seconds`, the only
// run-dependent value; JSON and SARIF leave it out).
#ifndef FNWARDEN_REPORT_REPORT_H_
#define FNWARDEN_REPORT_REPORT_H_

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/finding.h"
#include "rules/suppress.h"
#include "util/diagnostic.h"
#include "util/terminal.h"

namespace fnwarden::report {

// Where users read about fnwarden (SARIF tool.driver.informationUri).
inline constexpr std::string_view kInformationUri = "https://github.com/fnwarden/fnwarden";

struct Summary {
  std::array<size_t, 5> by_severity{};  // unsuppressed findings, indexed by model::Severity
  // The same by tier: risk and hardening (a finding without a rule or tier
  // counts as risk, so it is never hidden in a summary).
  std::array<size_t, 5> risk_by_severity{};
  std::array<size_t, 5> hardening_by_severity{};
  size_t findings = 0;                  // unsuppressed findings
  size_t suppressed = 0;
  size_t files = 0;                     // files scanned
  size_t projects = 0;                  // deployable units (models)
  size_t rules = 0;                     // rules that ran
  double seconds = 0;                   // wall time of the scan (text output only)
};

struct ScanReport {
  std::string tool_version;                 // e.g. "0.1.0"
  std::vector<model::Finding> findings;     // in engine order (file, line, column, rule)
  std::vector<rules::Suppressed> suppressed;
  std::vector<util::Diagnostic> diagnostics;  // sorted (DiagnosticSink::Sorted)
  // The rules that ran, sorted by ID: SARIF's tool.driver.rules.
  std::vector<const model::RuleInfo*> rules;
  Summary summary;
  // Absolute folder the display paths are relative to, ending in '/'
  // (SARIF's %SRCROOT%); empty leaves originalUriBaseIds out.
  std::string source_root;
  // Threads for rendering long reports; 0: all cores.
  unsigned jobs = 0;
};

// Sets the counting fields of `r->summary` (by_severity and by tier,
// findings, suppressed, rules) from the report's lists.
void CountFindings(ScanReport* r);

// True for a hardening finding; a finding without a rule or tier is risk.
bool IsHardening(const model::Finding& f);

struct TextOptions {
  bool color = false;         // ANSI colours (the CLI: stdout is a terminal and NO_COLOR unset)
  bool show_warnings = true;  // warning-level diagnostics (--quiet hides them)
  bool show_summary = true;   // the opening summary and closing line (--quiet hides them)
  bool hardening = false;     // every hardening finding in full, not one line per rule
  bool compact = false;       // one line per finding: "path:line:col: SEVERITY ID message"
  // Hides secrets in quoted source lines (see util::SourceWithCaret); the
  // CLI passes the secret detector.
  util::SecretFinder secrets;
};

// The report for a terminal; everything taken from the input (paths,
// names, messages, source lines) is util::TerminalSafe, prose is wrapped at
// 100 columns. In order:
//   - diagnostics (util::Render);
//   - a summary that fits one screen: counts by tier and severity, by
//     practice, and the resources with the most severe risk findings;
//   - the risk findings, most severe first, then by file and line. Findings
//     at one place (file, line, column) about one resource form one block:
//     the place, the source line with a caret, then each rule's severity,
//     ID, title, message and fix;
//   - the hardening findings: one line per rule (title, count, the first
//     resources), or in full like the risk findings with `hardening`;
//   - a closing line: counts, suppressed, files, projects, rules, time.
// With `compact`: diagnostics as headlines, one line per finding (risk
// first, each tier most severe first) and the closing line.
std::string RenderText(const ScanReport& r, const TextOptions& options);

// The summary alone, for a console when the report goes to a file: the
// opening summary of RenderText (when there are findings) and its closing
// line.
std::string RenderTextSummary(const ScanReport& r, bool color);

// "1 finding", "2 findings": every count fnwarden prints.
std::string Plural(size_t n, std::string_view word);

// The versioned JSON document described in docs/json-schema.md.
inline constexpr int kJsonSchemaVersion = 1;
std::string RenderJson(const ScanReport& r);
// The same document in pieces that, joined in order, are RenderJson's: what
// the CLI writes out, so that a large report is never held twice.
std::vector<std::string> RenderJsonPieces(const ScanReport& r);

// SARIF 2.1.0, one run, suitable for GitHub code scanning. Every finding is a
// result (hardening ones at level "note"), and so is every suppressed
// finding, with its suppressions[] (kind "inSource" for inline and resource
// ignores, "external" for the configuration file and baselines; the reason
// as justification). invocations[0].executionSuccessful is false when an
// error diagnostic says that some input could not be read. Each rule's
// helpUri is RulePageUri.
std::string RenderSarif(const ScanReport& r);
// The same document in pieces, as RenderJsonPieces.
std::vector<std::string> RenderSarifPieces(const ScanReport& r);

// The rule's page in the repository: kInformationUri +
// "/blob/main/docs/rules/FNW-IAM-001.md".
std::string RulePageUri(std::string_view rule_id);
// The Markdown of that page (docs/rules/<ID>.md), made from the rule's
// metadata and rule.md: title, severity, tier, practice, aliases, why, fix.
// `fnwarden rules --write-docs DIR` writes them; a test keeps the committed
// pages equal to this.
std::string RenderRulePage(const model::RuleInfo& rule);
// docs/rules/README.md: every rule with a link to its page.
std::string RenderRuleIndex(const std::vector<const model::RuleInfo*>& rules);

// The rule catalog (`fnwarden rules`): ID, severity, practice, title.
std::string RenderCatalogText(const std::vector<const model::RuleInfo*>& rules, bool color);
std::string RenderCatalogJson(const std::vector<const model::RuleInfo*>& rules,
                              std::string_view tool_version);
// `fnwarden explain RULE`: title, severity, practice, explanation and fix.
// With `framework`, only the fix for a unit of that framework (the common
// part and its section of rule.md).
std::string RenderExplain(const model::RuleInfo& rule, bool color,
                          std::optional<model::Framework> framework = std::nullopt);

}  // namespace fnwarden::report

#endif  // FNWARDEN_REPORT_REPORT_H_
