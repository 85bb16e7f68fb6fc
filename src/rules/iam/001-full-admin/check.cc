// FNW-IAM-001: a function's role allows every action on every resource.
#include <string>

#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

void Check(Context& ctx) {
  for (const auto& fn : ctx.facts.functions()) {
    for (const auto& applied : fn.statements) {
      const model::Statement& s = *applied.statement;
      if (!analysis::AllowsAction(s, "*") || s.not_action || !analysis::OnAllResources(s)) continue;
      std::string via = applied.policy->name.empty() ? "an inline policy" : applied.policy->name;
      ctx.Report(*fn.function, s.loc, "Role.Policies." + applied.policy->name,
                 "function " + fn.function->id + " can perform every action on every resource (" +
                     via + " of role " + fn.role->id + " allows \"*\" on \"*\")",
                 "Replace the statement with the actions " + fn.function->id +
                     " calls, on the resources it uses.");
    }
  }
}

}  // namespace

extern const RuleDef kRuleIam001;
const RuleDef kRuleIam001 = {
    .title = "Function role allows every action on every resource",
    .severity = model::Severity::kCritical,
    .tier = model::Tier::kRisk,
    .practice = model::Practice::kLeastPrivilege,
    .check = &Check,
};

}  // namespace fnwarden::rules
