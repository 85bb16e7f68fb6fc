// FNW-IAM-006: a function can run its own code inside compute that already has another role
// (lambda:UpdateFunctionCode, ssm:SendCommand, codebuild:StartBuild, ...): a privilege-escalation
// method.
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
         iam::FindEscalations(fn, perms.resolver(), iam::EscalationFamily::kExistingCompute)) {
      std::string message = id + " can " + std::string(use.method->description) + " (" +
                            std::string(use.method->name) + "): " + iam::DescribeSteps(fn, use);
      if (!use.also.empty()) {
        message += "; the same grants also allow " + iam::SummarizeNames(use.also, 2);
      }
      ctx.Report(fn.function(), use.primary.statement->loc,
                 analysis::StatementAttribute(use.primary) + "." + std::string(use.method->name),
                 message,
                 "Scope these actions in the role of " + id +
                     " to the resources it manages, or remove them; deployments belong to the "
                     "CI/CD role.");
    }
  }
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
