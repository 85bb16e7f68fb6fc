// FNW-IAM-005: a function can rewrite IAM to give itself more permissions (attach or write
// policies on its own role, new policy versions, trust changes, user credentials): a privilege-
// escalation method.
#include <string>

#include "analysis/iam/escalation.h"
#include "analysis/iam/fix_text.h"
#include "rules/actions_on_any.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

namespace iam = analysis::iam;

void Check(Context& ctx) {
  ReportEscalations(ctx, iam::EscalationFamily::kIamPolicy,
                    [](const iam::PrincipalPermissions& p, const iam::EscalationUse& use) {
                      return iam::EscalationFix(
                          p, use, "IAM write actions", "",
                          "permissions belong in the template, deployed by CI/CD");
                    });
}

}  // namespace

extern const RuleDef kRuleIam005;
const RuleDef kRuleIam005 = {
    .title = "Function can grant itself more permissions through IAM",
    .severity = model::Severity::kCritical,
    .tier = model::Tier::kRisk,
    .practice = model::Practice::kLeastPrivilege,
    .check = &Check,
};

}  // namespace fnwarden::rules
