// FNW-CODE-015: the function returns a stack trace to its caller.
#include <string>

#include "model/names.h"
#include "rules/code_findings.h"

namespace fnwarden::rules {
namespace {

void Check(Context& ctx) {
  ForEachCodeIssue(
      ctx, model::CodeWeakness::kStackTrace,
      [&](const model::Function& fn, const model::CodeIssue& issue) {
        ctx.Report(fn, issue.loc, "code.trace." + issue.detail,
                   "function " + model::ShownName(fn) + " returns a stack trace to its caller (" +
                       issue.detail + ") at " + CodeWhere(issue.loc) +
                       ": it shows file paths, library versions and code that help an attacker aim",
                   ctx.Fix("Log the stack trace and return a generic error with a request id the "
                           "caller can quote."));
      });
}

}  // namespace

extern const RuleDef kRuleCode015;
const RuleDef kRuleCode015 = {
    .title = "Stack trace returned to the caller",
    .severity = model::Severity::kLow,
    .tier = model::Tier::kHardening,
    .practice = model::Practice::kCodeSecurity,
    .check = &Check,
};

}  // namespace fnwarden::rules
