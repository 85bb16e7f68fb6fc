// FNW-ISO-002: a function's role can change Lambda functions: their code,
// configuration or resource policy, or publish layers, on every function or
// on another function of the application.
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/policy_query.h"
#include "analysis/store_query.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

constexpr std::array<std::string_view, 5> kModifyActions = {
    "lambda:UpdateFunctionCode", "lambda:UpdateFunctionConfiguration", "lambda:CreateFunction",
    "lambda:AddPermission",      "lambda:PublishLayerVersion",
};

// What the granted actions let an attacker do, for the message.
std::string Consequence(const std::vector<std::string>& actions, bool everywhere) {
  bool modifies = false;
  for (const auto& a : actions) {
    modifies = modifies || (a != "lambda:CreateFunction" && a != "lambda:PublishLayerVersion");
  }
  if (!modifies) return "deploy new code into the account (with any role it may pass)";
  return std::string("replace the code, settings or permissions of ") +
         (everywhere ? "any function" : "those functions") + " and act with their roles";
}

void Check(Context& ctx) {
  for (const auto& fn : ctx.facts.functions()) {
    for (const auto& applied : fn.statements) {
      const model::Statement& s = *applied.statement;
      std::vector<std::string> actions;
      for (std::string_view a : kModifyActions) {
        if (analysis::AllowsAction(s, a)) actions.emplace_back(a);
      }
      if (actions.empty()) continue;
      // On which functions: every one, or others of this application.
      bool everywhere = analysis::OnAllResources(s);
      std::vector<std::string> targets;
      for (const auto& r : s.resources) {
        if (analysis::CoversEveryFunction(r)) everywhere = true;
        for (auto& t : analysis::NamedFunctions(ctx.model, r, fn.function->id)) {
          targets.push_back(std::move(t));
        }
      }
      if (!everywhere && targets.empty()) continue;
      std::string on =
          everywhere ? "every function of the account" : "function " + analysis::JoinNames(targets);
      ctx.Report(*fn.function, s.loc, analysis::StatementAttribute(applied),
                 "function " + fn.function->id + " can call " + analysis::JoinNames(actions) +
                     " on " + on + " (" + analysis::PolicyLabel(applied) + " of role " +
                     fn.role->id + "): whoever controls " + fn.function->id + " can " +
                     Consequence(actions, everywhere),
                 "Remove these actions from the role of " + fn.function->id +
                     "; deployments belong to the CI/CD role, not to a function.");
    }
  }
}

}  // namespace

extern const RuleDef kRuleIso002;
const RuleDef kRuleIso002 = {
    .title = "Function can modify other functions",
    .severity = model::Severity::kHigh,
    .tier = model::Tier::kRisk,
    .practice = model::Practice::kIsolation,
    .check = &Check,
};

}  // namespace fnwarden::rules
