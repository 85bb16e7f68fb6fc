// FNW-IAM-004: a function can pass any role to new compute it controls (iam:PassRole with
// lambda:CreateFunction, ec2:RunInstances, glue:CreateJob, ...): a privilege-escalation method.
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
         iam::FindEscalations(fn, perms.resolver(), iam::EscalationFamily::kPassRole)) {
      std::string message = id + " can " + std::string(use.method->description) + " (" +
                            std::string(use.method->name) + "): " + iam::DescribeSteps(fn, use);
      if (!use.also.empty()) {
        message += "; the same grants also allow " + iam::SummarizeNames(use.also, 2);
      }
      ctx.Report(fn.function(), use.primary.statement->loc,
                 analysis::StatementAttribute(use.primary) + "." + std::string(use.method->name),
                 message,
                 "Limit iam:PassRole in the role of " + id +
                     " to the roles it must pass (Resource: !GetAtt WorkerRole.Arn) with an "
                     "iam:PassedToService condition, or remove it.");
    }
  }
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
