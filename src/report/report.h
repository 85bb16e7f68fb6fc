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
#include <string>
#include <string_view>
#include <vector>

#include "model/finding.h"
#include "rules/suppress.h"
#include "util/diagnostic.h"

namespace fnwarden::report {

// Where users read about fnwarden (SARIF tool.driver.informationUri).
inline constexpr std::string_view kInformationUri = "https://github.com/fnwarden/fnwarden";

struct Summary {
  std::array<size_t, 5> by_severity{};  // unsuppressed findings, indexed by model::Severity
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

// Sets the counting fields of `r->summary` (by_severity, findings,
// suppressed, rules) from the report's lists.
void CountFindings(ScanReport* r);

struct TextOptions {
  bool color = false;         // ANSI colours (the CLI: stdout is a terminal and NO_COLOR unset)
  bool show_warnings = true;  // warning-level diagnostics (--quiet hides them)
  bool show_summary = true;   // the closing summary line (--quiet hides it)
};

// Diagnostics first (util::Render), then the findings grouped by practice,
// each with its severity, rule, title, file:line:col, message, the source
// line with a caret and the fix; then the summary line.
std::string RenderText(const ScanReport& r, const TextOptions& options);

// The versioned JSON document described in docs/json-schema.md.
inline constexpr int kJsonSchemaVersion = 1;
std::string RenderJson(const ScanReport& r);

// SARIF 2.1.0, one run, suitable for GitHub code scanning.
std::string RenderSarif(const ScanReport& r);

// The rule catalog (`fnwarden rules`): ID, severity, practice, title.
std::string RenderCatalogText(const std::vector<const model::RuleInfo*>& rules, bool color);
std::string RenderCatalogJson(const std::vector<const model::RuleInfo*>& rules,
                              std::string_view tool_version);
// `fnwarden explain RULE`: title, severity, practice, explanation and fix.
std::string RenderExplain(const model::RuleInfo& rule, bool color);

}  // namespace fnwarden::report

#endif  // FNWARDEN_REPORT_REPORT_H_
