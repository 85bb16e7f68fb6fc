// FNW-CFG-005: a Lambda permission lets anyone ("*") invoke the function.
#include <string>

#include "analysis/policy_query.h"
#include "analysis/store_query.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

void Check(Context& ctx) {
  for (const auto& p : ctx.model.permissions) {
    if (!p.principal.Is("*") || !p.action.known()) continue;
    if (!analysis::ActionMatches(p.action.value, "lambda:InvokeFunction")) continue;
    // Function URL permissions (FunctionUrlAuthType) are FNW-CFG-003's.
    if (!p.function_url_auth_type.absent()) continue;
    if (!p.source_arn.absent() || !p.source_account.absent() || !p.principal_org_id.absent()) {
      continue;
    }
    std::string fn = p.function_id.empty() ? "the function" : "function " + p.function_id;
    ctx.Report(p, p.principal.loc, "Principal",
               "permission " + p.id + " lets anyone (principal \"*\") invoke " + fn + " with " +
                   p.action.value + ": any AWS account can call it directly with any payload",
               "Replace Principal \"*\" with the account or service that calls " + fn +
                   ", or restrict it with SourceArn, SourceAccount or PrincipalOrgID.");
  }
}

}  // namespace

extern const RuleDef kRuleCfg005;
const RuleDef kRuleCfg005 = {
    .title = "Anyone may invoke the function",
    .severity = model::Severity::kCritical,
    .tier = model::Tier::kRisk,
    .practice = model::Practice::kSecureConfiguration,
    .check = &Check,
};

}  // namespace fnwarden::rules
