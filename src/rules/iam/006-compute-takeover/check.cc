// FNW-IAM-006: a function can run its own code inside compute that already has another role
// (lambda:UpdateFunctionCode, ssm:SendCommand, codebuild:StartBuild, ...): a privilege-escalation
// method.
#include <string>

#include "analysis/iam/escalation.h"
#include "analysis/iam/fix_text.h"
#include "model/names.h"
#include "rules/actions_on_any.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

namespace iam = analysis::iam;

void Check(Context& ctx) {
  ReportEscalations(ctx, iam::EscalationFamily::kExistingCompute,
                    [](const iam::PrincipalPermissions& p, const iam::EscalationUse& use) {
                      return iam::EscalationFix(
                          p, use, "these actions",
                          "the resources " + model::ShownName(p.resource()) + " manages",
                          "deployments belong to the CI/CD role");
                    });
}

}  // namespace

extern const RuleDef kRuleIam006;
const RuleDef kRuleIam006 = {
    .title = "Function can take over compute that runs with other roles",
    .severity = model::Severity::kHigh,
    .tier = model::Tier::kRisk,
    .practice = model::Practice::kLeastPrivilege,
    .check = &Check,
};

}  // namespace fnwarden::rules
