// FNW-IAM-004: a function can pass any role to new compute it controls (iam:PassRole with
// lambda:CreateFunction, ec2:RunInstances, glue:CreateJob, ...): a privilege-escalation method.
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
  ReportEscalations(ctx, iam::EscalationFamily::kPassRole,
                    [](const iam::PrincipalPermissions& p, const iam::EscalationUse& use) {
                      return iam::EscalationFix(p, use, "iam:PassRole",
                                                "the roles " + model::ShownName(p.resource()) +
                                                    " passes, with an iam:PassedToService "
                                                    "condition",
                                                "");
                    });
}

}  // namespace

extern const RuleDef kRuleIam004;
const RuleDef kRuleIam004 = {
    .title = "Function can pass any role to compute it creates",
    .severity = model::Severity::kCritical,
    .tier = model::Tier::kRisk,
    .practice = model::Practice::kLeastPrivilege,
    .check = &Check,
};

}  // namespace fnwarden::rules
