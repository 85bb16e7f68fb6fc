// The rule interface. A rule is a pure function of the model and the shared
// analyses; it reports findings through its Context and never prints.
//
// Adding a rule touches one folder, src/rules/<area>/<NNN>-<slug>/:
//   check.cc   defines `const RuleDef kRule<Area><NNN>` (e.g. kRuleCfg003)
//   rule.md    "## Why" (the explanation) and "## Fix" (how to fix, with a snippet)
//   fixtures/  closed-world fixtures with inline `# fnwarden: expect|ok ID` annotations
// The registry is generated at configure time from the folders: the ID comes
// from the folder name, the texts from rule.md.
#ifndef FNWARDEN_RULES_RULE_H_
#define FNWARDEN_RULES_RULE_H_

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/facts.h"
#include "model/finding.h"
#include "model/model.h"
#include "model/names.h"

namespace fnwarden::rules {

// What a rule sees while it runs, and where its findings go. One Context per
// (rule, model); not shared between threads.
class Context {
 public:
  Context(const model::Model& model, const analysis::Facts& facts, const model::RuleInfo& rule,
          std::chrono::sys_days today, std::vector<model::Finding>* out)
      : model(model), facts(facts), today(today), rule_(rule), out_(out) {}

  const model::Model& model;
  const analysis::Facts& facts;
  // The scan's date (UTC), for rules whose verdict depends on the calendar
  // (a runtime's deprecation). Rules never read the clock themselves.
  const std::chrono::sys_days today;

  // Reports a finding about `resource`, pointing at `at` (the value to
  // change; the resource's own position when `at` is unknown). `attribute`
  // is the stable attribute path used in the fingerprint, e.g.
  // "environment.API_TOKEN": lower case, in the model's words, never a
  // framework's property path. `message` must name this
  // application's resource (function, route, bucket...). `fix`, if given, is
  // specific advice for this finding.
  void Report(const model::Resource& resource, util::Loc at, std::string attribute,
              std::string message, std::string fix = "");
  // The same, for findings about parts without their own Resource (a route
  // of an API, a trigger): `resource_id` and `resource_loc` name the owner.
  void Report(std::string_view resource_id, util::Loc resource_loc, util::Loc at,
              std::string attribute, std::string message, std::string fix = "");
  // Overrides the rule's severity for the next Report (e.g. a public function
  // URL with sensitive permissions). Resets after one use.
  void RaiseSeverity(model::Severity s) { next_severity_ = s; has_next_severity_ = true; }
  // The rule being run.
  const model::RuleInfo& rule() const { return rule_; }
  // Attaches a data flow (source first, sink last) to the next Report.
  void SetFlow(std::vector<model::FlowStep> flow) { next_flow_ = std::move(flow); }

  // A specific fix passed to Report is taken as written for SAM and
  // CloudFormation templates, and for what a Serverless service declares
  // under `resources` (CloudFormation as written): a finding on anything
  // else of a unit of another framework (a serverless.yml, a CDK app) drops
  // it, and reports give the rule's fix for that framework (rule.md's
  // section) instead. Fix() keeps what it
  // returns for the next Report: `cloudformation` in a SAM or CloudFormation
  // template, `serverless` in a Serverless service, "" elsewhere. A fix that
  // names no framework's syntax passes the same text twice.
  std::string Fix(std::string cloudformation, std::string serverless);
  // A fix already worded for the unit's framework (the IAM fixes of
  // analysis/iam/fix_text.h): the same text for SAM, CloudFormation and
  // Serverless units.
  std::string Fix(const std::string& worded_for_unit) {
    return Fix(worded_for_unit, worded_for_unit);
  }
  // The same for a finding on `r`: what a Serverless service declares under
  // `resources` is CloudFormation as written and takes `cloudformation`;
  // `serverless` is for what the framework generates ("" for none).
  std::string Fix(const model::Resource& r, std::string cloudformation, std::string serverless) {
    if (r.origin == model::Origin::kWritten) serverless = cloudformation;
    return Fix(std::move(cloudformation), std::move(serverless));
  }

 private:
  const model::RuleInfo& rule_;
  std::vector<model::Finding>* out_;
  model::Severity next_severity_ = model::Severity::kMedium;
  bool has_next_severity_ = false;
  std::vector<model::FlowStep> next_flow_;
  bool next_fix_fits_ = false;  // Fix() worded the next Report's fix for this unit
};

using CheckFn = void (*)(Context& ctx);

// What a rule's check.cc defines. The ID, explanation and fix come from its
// folder and rule.md.
struct RuleDef {
  std::string_view title;
  model::Severity severity;
  model::Tier tier;  // required: risk or hardening (see model::Tier)
  model::Practice practice;
  CheckFn check;
  std::vector<std::string_view> aliases = {};
};

struct Rule {
  model::RuleInfo info;
  CheckFn check;
  std::string_view folder;   // source folder relative to src/rules, e.g. "cfg/003-public-function-url"
};

// Every rule, sorted by ID. Built once, on first use; thread-safe.
const std::vector<Rule>& AllRules();
// By ID or alias; nullptr when unknown.
const Rule* FindRule(std::string_view id);

}  // namespace fnwarden::rules

#endif  // FNWARDEN_RULES_RULE_H_
