// FNW-IAM-002: a function's role allows every action of a service ("s3:*").
#include <string>
#include <vector>

#include "analysis/policy_query.h"
#include "analysis/store_query.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

void Check(Context& ctx) {
  for (const auto& fn : ctx.facts.functions()) {
    for (const auto& applied : fn.statements) {
      std::vector<std::string> services = analysis::ServiceWildcards(*applied.statement);
      if (services.empty()) continue;
      std::vector<std::string> patterns;
      for (const auto& s : services) patterns.push_back("\"" + s + ":*\"");
      ctx.Report(*fn.function, applied.statement->loc, analysis::StatementAttribute(applied),
                 "function " + fn.function->id + " can perform every action of " +
                     analysis::JoinNames(services) + " (" + analysis::PolicyLabel(applied) +
                     " of role " + fn.role->id + " allows " + analysis::JoinNames(patterns) + ")",
                 "Replace " + analysis::JoinNames(patterns) + " with the actions " +
                     fn.function->id + " calls, on the resources it uses.");
    }
  }
}

}  // namespace

extern const RuleDef kRuleIam002;
const RuleDef kRuleIam002 = {
    .title = "Function role allows every action of a service",
    .severity = model::Severity::kHigh,
    .tier = model::Tier::kRisk,
    .practice = model::Practice::kLeastPrivilege,
    .check = &Check,
};

}  // namespace fnwarden::rules
