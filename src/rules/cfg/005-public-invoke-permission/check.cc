// FNW-CFG-005: a Lambda permission lets anyone ("*") invoke the function.
#include <span>
#include <string>

#include "analysis/reachability.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

void Report(Context& ctx, const model::Permission& p) {
  std::string fn = p.function_id.empty() ? "the function" : "function " + model::ShownFunctionName(ctx.model, p.function_id);
  // Undecided, it is public whichever value its condition gives it.
  std::string action;
  if (!p.action.known()) {
    for (const std::string& alt : p.action.alternatives) {
      action += (action.empty() ? "" : " or ") + alt;
    }
  }
  if (action.empty()) action = p.action.value;
  ctx.Report(p, p.principal.loc, "principal",
             "permission " + p.id + " lets anyone (principal \"*\") invoke " + fn + " with " +
                 action + ": any AWS account can call it directly with any payload",
             "Replace Principal \"*\" with the account or service that calls " + fn +
                 ", or restrict it with SourceArn, SourceAccount or PrincipalOrgID.");
}

void Check(Context& ctx) {
  if (ctx.model.permissions.empty()) return;
  // The function's permissions as the engine reads them: a caller from any
  // account calling the Invoke API (lambda:InvokeFunction) gets in through
  // a permission whose conditions let it (function URL permissions, limited
  // to requests through a URL, are FNW-CFG-003's).
  analysis::Reachability reach(ctx.facts);
  auto check = [&](std::span<const model::Permission* const> policy) {
    analysis::Invokers invokers = reach.PublicInvoke(policy);
    if (invokers.reach != analysis::Reach::kInternet) return;
    for (const model::Permission* p : invokers.through) Report(ctx, *p);
  };
  for (const auto& fn : ctx.facts.functions()) check(fn.permissions);
  // A function of another stack: its policy here is one permission at a time.
  for (const model::Permission& p : ctx.model.permissions) {
    if (ctx.facts.ForFunction(p.function_id) != nullptr) continue;
    const model::Permission* one = &p;
    check(std::span<const model::Permission* const>(&one, 1));
  }
}

}  // namespace

extern const RuleDef kRuleCfg005;
const RuleDef kRuleCfg005 = {
    .title = "Anyone may invoke the function",
    .severity = model::Severity::kCritical,
    .tier = model::Tier::kRisk,
    .practice = model::Practice::kSecureConfiguration,
    .check = &Check,
};

}  // namespace fnwarden::rules
