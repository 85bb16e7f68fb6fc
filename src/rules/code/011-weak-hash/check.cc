// FNW-CODE-011: the code hashes a password or token with a fast or broken hash.
#include <string>

#include "model/names.h"
#include "rules/code_findings.h"

namespace fnwarden::rules {
namespace {

void Check(Context& ctx) {
  ForEachCodeIssue(ctx, model::CodeWeakness::kWeakHash,
                   [&](const model::Function& fn, const model::CodeIssue& issue) {
                     ctx.Report(fn, issue.loc, "code.hash." + issue.detail,
                                "function " + model::ShownName(fn) +
                                    " hashes a password or token with a fast or broken hash (`" +
                                    issue.detail + "`) at " + CodeWhere(issue.loc) +
                                    ": whoever gets the hashes (a leaked table, a log) recovers "
                                    "the values by brute force",
                                ctx.Fix(IsPythonCode(issue.loc)
                                            ? "Hash passwords with a slow salted function "
                                              "(hashlib.scrypt, argon2-cffi, bcrypt); "
                                              "sign tokens with hmac and a secret key."
                                            : "Hash passwords with a slow salted function "
                                              "(crypto.scrypt, argon2, bcrypt); sign "
                                              "tokens with crypto.createHmac and a secret key."));
                   });
}

}  // namespace

extern const RuleDef kRuleCode011;
const RuleDef kRuleCode011 = {
    .title = "Weak hash for a password or token",
    .severity = model::Severity::kMedium,
    .tier = model::Tier::kRisk,
    .practice = model::Practice::kCodeSecurity,
    .check = &Check,
};

}  // namespace fnwarden::rules
