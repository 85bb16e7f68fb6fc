// The rule engine: selects rules, runs them over every model in parallel,
// orders the findings deterministically and applies suppressions.
//
// Usage:
//   std::vector<const Rule*> rules;
//   if (!SelectRules(AllRules(), only, skip, &rules, &err)) { ...usage error... }
//   EngineOptions opts; opts.rules = rules; opts.suppressions = ...;
//   EngineResult result;
//   RunEngine(models, opts, &diags, &result);
//
// Rules are pure, so the engine runs every (model, rule) pair as its own task
// on util::ParallelFor; analysis::Facts is built once per model before the
// rules run. A rule that throws is reported as an error diagnostic at the
// model's root (its results are partial) and the scan goes on.
#ifndef FNWARDEN_RULES_ENGINE_H_
#define FNWARDEN_RULES_ENGINE_H_

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "model/finding.h"
#include "model/model.h"
#include "rules/rule.h"
#include "rules/suppress.h"
#include "util/diagnostic.h"

namespace fnwarden::rules {

// Resolves --only/--skip entries (rule IDs, aliases or areas such as "CFG";
// case-insensitive; IDs may leave out "FNW-"; an entry may be a
// comma-separated list) against `catalog`.
// With no `only` entries every rule is selected; `skip` entries are removed
// afterwards. Returns false with `err` ("unknown rule or area 'FNW-CFG-03';
// did you mean FNW-CFG-003?") when an entry names nothing known. Areas of
// the ten practices are known even when no rule of theirs exists yet.
bool SelectRules(const std::vector<Rule>& catalog, const std::vector<std::string>& only,
                 const std::vector<std::string>& skip, std::vector<const Rule*>* out,
                 std::string* err);

// Whether `written` (an ID or alias as a user wrote it in --only/--skip or an
// ignore) names `rule`: case-insensitive, and "FNW-" may be left out
// ("IAM-001", "iam-001" and "FNW-IAM-001" all name FNW-IAM-001).
bool NamesRule(std::string_view written, const model::RuleInfo& rule);
// The same against one ID or alias.
bool NamesId(std::string_view written, std::string_view id);

// `written` as a full rule ID: upper case, with "FNW-" added when it is
// missing ("iam-01" gives "FNW-IAM-01"). For "did you mean" look-ups.
std::string FullRuleId(std::string_view written);

// The candidate closest to `word` (compared case-insensitively), spelt as in
// `candidates`; "" when none is close. The "did you mean" of rule IDs.
std::string ClosestId(std::string_view word, const std::vector<std::string>& candidates);

// Every ID and alias of `catalog`.
std::vector<std::string> KnownIds(const std::vector<Rule>& catalog);

struct EngineOptions {
  std::vector<const Rule*> rules;  // what to run (from SelectRules)
  unsigned jobs = 0;               // worker threads; 0: all hardware threads
  SuppressionOptions suppressions;
  // IDs and aliases that ignores may name (for "unknown rule" warnings);
  // usually KnownIds(AllRules()).
  std::vector<std::string> known_ids;
  // The scan's date, given to the rules (rules::Context::today): the current
  // UTC date when the options are made. Tests set a fixed date.
  std::chrono::sys_days today =
      std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  // Time each rule and the per-model analyses (EngineResult::timing); for
  // bench/, which prints where the rules phase goes.
  bool time_rules = false;
};

// Where the rules phase went, summed over models (thread time, not wall time).
struct EngineTiming {
  double facts_s = 0;          // analysis::Facts construction
  double validate_s = 0;       // policy document checks
  std::vector<double> rule_s;  // one per EngineOptions::rules entry
};

struct EngineResult {
  std::vector<model::Finding> findings;  // sorted: file, line, column, rule, resource
  std::vector<Suppressed> suppressed;    // same order
  EngineTiming timing;                   // filled when EngineOptions::time_rules
};

// Strict weak order used for findings: file, line, column, rule ID,
// resource, then attribute and message for full determinism.
bool FindingLess(const model::Finding& a, const model::Finding& b);

// Runs the selected rules over `models`, drops exact duplicates, sorts, and
// applies suppressions. Warnings about ignores (missing reason, unknown rule,
// nothing suppressed although the rule ran, misspelt inline ignores),
// about policy documents IAM would reject or misread (iam/validate_model.h,
// whatever rules are selected) and errors from failing rules go to `diags`.
void RunEngine(const std::vector<model::Model>& models, const EngineOptions& options,
               util::DiagnosticSink* diags, EngineResult* out);

}  // namespace fnwarden::rules

#endif  // FNWARDEN_RULES_ENGINE_H_
