// FNW-ISO-003: a function's role may invoke every Lambda function.
#include <string>

#include "analysis/policy_query.h"
#include "analysis/store_query.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

void Check(Context& ctx) {
  for (const auto& fn : ctx.facts.functions()) {
    for (const auto& applied : fn.statements) {
      const model::Statement& s = *applied.statement;
      if (!analysis::AllowsAction(s, "lambda:InvokeFunction")) continue;
      bool everywhere = analysis::OnAllResources(s);
      for (const auto& r : s.resources) {
        if (analysis::CoversEveryFunction(r)) everywhere = true;
      }
      if (!everywhere) continue;
      ctx.Report(*fn.function, s.loc, analysis::StatementAttribute(applied),
                 "function " + fn.function->id +
                     " can invoke every Lambda function of the account (" +
                     analysis::PolicyLabel(applied) + " of role " + fn.role->id +
                     " allows lambda:InvokeFunction on all functions): whoever controls it can "
                     "call internal functions that trust their callers",
                 "Scope lambda:InvokeFunction in the role of " + fn.function->id +
                     " to the ARNs of the functions it calls.");
    }
  }
}

}  // namespace

extern const RuleDef kRuleIso003;
const RuleDef kRuleIso003 = {
    .title = "Function can invoke any function",
    .severity = model::Severity::kMedium,
    .tier = model::Tier::kRisk,
    .practice = model::Practice::kIsolation,
    .check = &Check,
};

}  // namespace fnwarden::rules
