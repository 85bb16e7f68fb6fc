// FNW-IR-001: a function without published versions or an alias.
#include "analysis/store_query.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

void Check(Context& ctx) {
  for (const auto& f : ctx.model.functions) {
    if (f.has_version_or_alias) continue;
    ctx.Report(f, {}, "versions",
               "function " + model::ShownName(f) +
                   " publishes no versions and has no alias: callers always run $LATEST, so "
                   "there is no known-good version to roll back to after a bad or malicious "
                   "deployment",
               "Set AutoPublishAlias on " + f.id +
                   " (SAM) or declare an AWS::Lambda::Version and AWS::Lambda::Alias for it.");
  }
}

}  // namespace

extern const RuleDef kRuleIr001;
const RuleDef kRuleIr001 = {
    .title = "Function without versions or alias for rollback",
    .severity = model::Severity::kLow,
    .tier = model::Tier::kHardening,
    .practice = model::Practice::kIncidentResponse,
    .check = &Check,
};

}  // namespace fnwarden::rules
