// FNW-CFG-002: a function's environment variable holds a secret in plain text.
#include <string>

#include "analysis/secrets.h"
#include "analysis/store_query.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

std::string StoreIt(const std::string& function, const std::string& variable) {
  return "Store the value in Secrets Manager or SSM Parameter Store and have " + function +
         " read it at run time (or pass the secret's ARN, not the secret, in " + variable + ").";
}

void Check(Context& ctx) {
  for (const auto& fn : ctx.model.functions) {
    for (const auto& var : fn.environment) {
      const model::String& v = var.value;
      // Dynamic references and NoEcho parameters keep the secret out of the
      // template; unknown values cannot be judged.
      if (!v.known() || v.has(model::kDynamicReference) || v.has(model::kFromNoEchoParameter)) {
        continue;
      }
      auto match = analysis::ClassifySecret(var.name, v.value);
      if (!match) continue;
      std::string why = match->by_format ? "holds " + match->kind
                                         : "holds " + match->kind + " under a secret-looking name";
      ctx.Report(fn, v.loc.known() ? v.loc : var.loc, "environment." + var.name,
                 "environment variable " + var.name + " of function " + model::ShownName(fn) + " " + why +
                     " in plain text: anyone who can read the template, the function's "
                     "configuration or its deployment history can read it",
                 ctx.Fix(StoreIt(fn.id, var.name), StoreIt(model::ShownName(fn), var.name)));
    }
  }
}

}  // namespace

extern const RuleDef kRuleCfg002;
const RuleDef kRuleCfg002 = {
    .title = "Secret in a function's environment variables",
    .severity = model::Severity::kHigh,
    .tier = model::Tier::kRisk,
    .practice = model::Practice::kSecureConfiguration,
    .check = &Check,
};

}  // namespace fnwarden::rules
