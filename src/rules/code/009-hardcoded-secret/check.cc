// FNW-CODE-009: a secret is written in the function's code as a string literal.
#include <optional>
#include <string>

#include "analysis/secrets.h"
#include "model/names.h"
#include "rules/code_findings.h"

namespace fnwarden::rules {
namespace {

void Check(Context& ctx) {
  ForEachCodeIssue(
      ctx, model::CodeWeakness::kSecret,
      [&](const model::Function& fn, const model::CodeIssue& issue) {
        std::optional<analysis::SecretMatch> match =
            analysis::ClassifySecret(issue.name, issue.value);
        if (!match) return;
        std::string why =
            match->by_format ? match->kind : match->kind + " under a secret-looking name";
        std::string py =
            IsPythonCode(issue.loc) ? "os.environ[\"SECRET_ARN\"]" : "process.env.SECRET_ARN";
        ctx.Report(
            fn, issue.loc, "code.secret." + issue.name,
            "the code of function " + model::ShownName(fn) + " holds " + why + " in `" +
                issue.name + "` at " + CodeWhere(issue.loc) +
                ": anyone who can read the repository or download the function's code package has "
                "it",
            ctx.Fix("Move the secret to Secrets Manager or SSM Parameter Store, rotate it (it is "
                    "in the "
                    "repository's history), and have the function read it at run time from the ARN "
                    "in an environment variable (" +
                    py + ")."));
      });
}

}  // namespace

extern const RuleDef kRuleCode009;
const RuleDef kRuleCode009 = {
    .title = "Secret written in the handler code",
    .severity = model::Severity::kHigh,
    .tier = model::Tier::kRisk,
    .practice = model::Practice::kCodeSecurity,
    .check = &Check,
};

}  // namespace fnwarden::rules
