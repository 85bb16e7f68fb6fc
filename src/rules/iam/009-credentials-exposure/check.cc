// FNW-IAM-009: a function's role hands it credentials or secrets on every
// resource: secretsmanager:GetSecretValue, ssm:GetParameter, sts:AssumeRole,
// kms:Decrypt, iam:CreateAccessKey... on "*" (actions that can be scoped).
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/iam/effective.h"
#include "analysis/iam/escalation.h"
#include "analysis/policy_query.h"
#include "analysis/store_query.h"
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
  const iam::ModelPermissions& perms = ctx.facts.Permissions();
  const iam::Catalog& catalog = iam::Catalog::Get();
  for (const auto& fn : perms.functions()) {
    if (!analysis::Deployed(fn.function())) continue;
    std::vector<iam::ActionGrant> grants;
    for (std::string_view a : iam::CredentialActions()) {
      std::optional<iam::ActionInfo> info = catalog.FindAction(a);
      if (!info) continue;
      iam::Result r = fn.CanOnAny(*info);
      if (r.decision == iam::Decision::kAllowed) grants.push_back({*info, std::move(r)});
    }
    for (const auto& sg : iam::ByStatement(fn, grants)) {
      std::vector<std::string> impacts;
      for (const auto& a : sg.actions) {
        std::string impact(Impact(a));
        if (std::find(impacts.begin(), impacts.end(), impact) == impacts.end()) {
          impacts.push_back(impact);
        }
      }
      const std::string& id = fn.function().id;
      ctx.Report(fn.function(), sg.origin.statement->loc, analysis::StatementAttribute(sg.origin),
                 id + " can " + analysis::JoinNames(impacts) + ": " +
                     iam::GrantText(sg.actions, sg.origin),
                 "Name the secrets, parameters, keys or roles " + id +
                     " uses in Resource instead of \"*\" (for example !Ref OrdersSecret).");
    }
  }
}

}  // namespace

extern const RuleDef kRuleIam009;
const RuleDef kRuleIam009 = {
    .title = "Function can read credentials or secrets on every resource",
    .severity = model::Severity::kHigh,
    .practice = model::Practice::kLeastPrivilege,
    .check = &Check,
};

}  // namespace fnwarden::rules
