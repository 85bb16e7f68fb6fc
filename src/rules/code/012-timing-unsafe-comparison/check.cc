// FNW-CODE-012: a secret (token, signature) is compared with ==, which leaks its length of match
// through timing.
#include <string>

#include "model/names.h"
#include "rules/code_findings.h"

namespace fnwarden::rules {
namespace {

void Check(Context& ctx) {
  ForEachCodeIssue(
      ctx, model::CodeWeakness::kTimingCompare,
      [&](const model::Function& fn, const model::CodeIssue& issue) {
        ctx.Report(
            fn, issue.loc, "code.compare." + issue.detail,
            "function " + model::ShownName(fn) +
                " compares a secret with an ordinary comparison (`" + issue.detail + "`) at " +
                CodeWhere(issue.loc) +
                ": the time it takes tells a caller how many leading characters match, so the "
                "secret can be guessed one character at a time",
            ctx.Fix(IsPythonCode(issue.loc) ? "Compare with hmac.compare_digest(a, b), which takes "
                                              "the same time whatever matches."
                                            : "Compare with crypto.timingSafeEqual(Buffer.from(a), "
                                              "Buffer.from(b)) after checking "
                                              "that the lengths are equal."));
      });
}

}  // namespace

extern const RuleDef kRuleCode012;
const RuleDef kRuleCode012 = {
    .title = "Secret compared in non-constant time",
    .severity = model::Severity::kMedium,
    .tier = model::Tier::kRisk,
    .practice = model::Practice::kCodeSecurity,
    .check = &Check,
};

}  // namespace fnwarden::rules
