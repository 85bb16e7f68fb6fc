// FNW-IAM-005: a function can rewrite IAM to give itself more permissions (attach or write
// policies on its own role, new policy versions, trust changes, user credentials): a privilege-
// escalation method.
#include <string>

#include "analysis/iam/effective.h"
#include "analysis/iam/escalation.h"
#include "analysis/policy_query.h"
#include "analysis/store_query.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

namespace iam = analysis::iam;

void Check(Context& ctx) {
  const iam::ModelPermissions& perms = ctx.facts.Permissions();
  for (const auto& fn : perms.functions()) {
    const std::string& id = fn.function().id;
    for (const auto& use :
         iam::FindEscalations(fn, perms.resolver(), iam::EscalationFamily::kIamPolicy)) {
      std::string message = id + " can " + std::string(use.method->description) + " (" +
                            std::string(use.method->name) + "): " + iam::DescribeSteps(fn, use);
      if (!use.also.empty()) {
        message += "; the same grants also allow " + iam::SummarizeNames(use.also, 2);
      }
      ctx.Report(fn.function(), use.primary.statement->loc,
                 analysis::StatementAttribute(use.primary) + "." + std::string(use.method->name),
                 message,
                 "Remove IAM write actions from the role of " + id +
                     "; permissions belong in the template, deployed by CI/CD.");
    }
  }
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
