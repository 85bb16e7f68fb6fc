// FNW-CODE-010: the function's code turns off TLS certificate verification.
#include <string>

#include "model/names.h"
#include "rules/code_findings.h"

namespace fnwarden::rules {
namespace {

void Check(Context& ctx) {
  ForEachCodeIssue(
      ctx, model::CodeWeakness::kTlsOff,
      [&](const model::Function& fn, const model::CodeIssue& issue) {
        ctx.Report(
            fn, issue.loc, "code.tls." + issue.detail,
            "function " + model::ShownName(fn) + " turns off TLS certificate verification (`" +
                issue.detail + "`) at " + CodeWhere(issue.loc) +
                ": anyone on the network path can read and change its traffic, credentials "
                "included",
            ctx.Fix(
                IsPythonCode(issue.loc)
                    ? "Remove it: verification is on by default. For a private CA, pass its bundle "
                      "(verify=\"/opt/ca.pem\") instead of turning verification off."
                    : "Remove it: verification is on by default. For a private CA, pass its "
                      "certificate (new https.Agent({ ca })) instead of turning verification "
                      "off."));
      });
}

}  // namespace

extern const RuleDef kRuleCode010;
const RuleDef kRuleCode010 = {
    .title = "TLS certificate verification turned off in code",
    .severity = model::Severity::kMedium,
    .tier = model::Tier::kRisk,
    .practice = model::Practice::kCodeSecurity,
    .check = &Check,
};

}  // namespace fnwarden::rules
