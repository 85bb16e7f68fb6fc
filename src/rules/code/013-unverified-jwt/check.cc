// FNW-CODE-013: the code reads a JWT without verifying its signature, or accepts the none
// algorithm.
#include <string>

#include "model/names.h"
#include "rules/code_findings.h"

namespace fnwarden::rules {
namespace {

void Check(Context& ctx) {
  ForEachCodeIssue(
      ctx, model::CodeWeakness::kJwtNoVerify,
      [&](const model::Function& fn, const model::CodeIssue& issue) {
        ctx.Report(fn, issue.loc, "code.jwt." + issue.detail,
                   "function " + model::ShownName(fn) +
                       " reads a JWT without verifying its signature (`" + issue.detail + "`) at " +
                       CodeWhere(issue.loc) +
                       ": anyone can write a token with the claims they want (another user, an "
                       "admin role)",
                   ctx.Fix(IsPythonCode(issue.loc) ? "Verify the token: jwt.decode(token, key, "
                                                     "algorithms=[\"RS256\"]) with the issuer's "
                                                     "key, never options={\"verify_signature\": "
                                                     "False} or the none algorithm; or let an "
                                                     "API Gateway JWT authorizer verify it."
                                                   : "Verify the token: jwt.verify(token, key, { "
                                                     "algorithms: [\"RS256\"] }) with the "
                                                     "issuer's key (or aws-jwt-verify), never "
                                                     "jwt.decode() or the none algorithm; or let "
                                                     "an API Gateway JWT authorizer verify it."));
      });
}

}  // namespace

extern const RuleDef kRuleCode013;
const RuleDef kRuleCode013 = {
    .title = "JWT read without verifying its signature",
    .severity = model::Severity::kHigh,
    .tier = model::Tier::kRisk,
    .practice = model::Practice::kCodeSecurity,
    .check = &Check,
};

}  // namespace fnwarden::rules
