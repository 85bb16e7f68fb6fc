// FNW-IAM-009: a function's role hands it credentials or secrets on every
// resource: secretsmanager:GetSecretValue, ssm:GetParameter, sts:AssumeRole,
// kms:Decrypt, iam:CreateAccessKey... on "*" (actions that can be scoped).
#include <string>
#include <string_view>

#include "analysis/iam/escalation.h"
#include "analysis/iam/fix_text.h"
#include "model/names.h"
#include "rules/actions_on_any.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

namespace iam = analysis::iam;

// What an action on every resource gives away, for the message.
std::string_view Impact(std::string_view action) {
  if (action == "secretsmanager:GetSecretValue") return "read every secret";
  if (action.starts_with("ssm:GetParameter"))
    return "read every SSM parameter, SecureString ones included";
  if (action == "sts:AssumeRole") return "assume any role that trusts its account";
  if (action == "kms:Decrypt") return "decrypt with any KMS key its account may use";
  if (action == "lambda:GetFunctionConfiguration") return "read the environment of every function";
  if (action.starts_with("iam:")) return "obtain credentials of any IAM user";
  return "obtain credentials of other principals";
}

void Check(Context& ctx) {
  ReportActionsOnAny(ctx, iam::CredentialActionIds(), &Impact,
                     [&](const iam::PrincipalPermissions& p, const iam::StatementGrants& sg) {
                       return iam::NarrowingFix(
                           p, sg.origin,
                           "these actions on the secrets, parameters, keys or roles " +
                               model::ShownName(p.resource()) + " uses" +
                               iam::ResourceExample(ctx.model, iam::ServicesOf(sg.actions)));
                     });
}

}  // namespace

extern const RuleDef kRuleIam009;
const RuleDef kRuleIam009 = {
    .title = "Function can read credentials or secrets on every resource",
    .severity = model::Severity::kHigh,
    .tier = model::Tier::kRisk,
    .practice = model::Practice::kLeastPrivilege,
    .check = &Check,
};

}  // namespace fnwarden::rules
