// FNW-LOG-001: a function's log group keeps its logs forever, either because
// the declared log group has no RetentionInDays or because the template
// declares none and Lambda creates /aws/lambda/<name> itself.
#include <string>
#include <vector>

#include "analysis/iam/effective.h"
#include "analysis/store_query.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace fnwarden::rules {
namespace {

namespace iam = analysis::iam;

std::string FunctionList(const std::vector<const model::Function*>& fns) {
  std::vector<std::string> ids;
  for (const auto* f : fns) ids.push_back(model::ShownName(*f));
  return util::Join(ids, ", ");
}

void CheckDeclared(Context& ctx) {
  for (const auto& g : analysis::FunctionLogGroups(ctx.facts)) {
    if (!g.group->retention_days.absent()) continue;
    bool several = g.functions.size() > 1;
    std::string whose =
        " of function" + std::string(several ? "s " : " ") + FunctionList(g.functions);
    std::string what = g.group->retention_only
                           ? "the log retention setting " + g.group->id + whose + " sets no "
                           : "log group " + g.group->id + whose + " has no ";
    std::string cloudformation =
        "Set RetentionInDays on " + g.group->id +
        " (for example 90 or 365, as your investigation and privacy rules require).";
    // The framework's log group of a function takes the function's setting.
    std::string serverless =
        "Set logRetentionInDays on function" + std::string(several ? "s " : " ") +
        FunctionList(g.functions) +
        " (for example 90 or 365, as your investigation and privacy rules require), or "
        "provider.logRetentionInDays for every function.";
    ctx.Report(*g.group, {}, "retention_days", what + "retention period: its logs are kept forever",
               ctx.Fix(*g.group, cloudformation, serverless));
  }
}

// Whether the IAM engine says the function's role may not write to the
// group Lambda would create: then that group never holds a log line (a
// Serverless function with disableLogs, a role without logs permissions).
// Only for a group whose name is known, and a role the model holds.
bool CannotWriteLogs(Context& ctx, const model::Function& f) {
  if (!f.function_name.known()) return false;
  const iam::PrincipalPermissions* p = ctx.facts.Permissions().ForFunction(f.id);
  if (p == nullptr || p->role() == nullptr || p->has_unreadable_policies()) return false;
  std::string arn = "arn:" + std::string(iam::kAssumedPartition) + ":logs:" +
                    std::string(iam::kAssumedRegion) + ":" + std::string(iam::kAssumedAccount) +
                    ":log-group:" + analysis::ImpliedLogGroupName(f) +
                    ":log-stream:2024/01/01/[$LATEST]0123456789abcdef";
  iam::Decision d = p->Can("logs:PutLogEvents", arn).decision;
  return d == iam::Decision::kExplicitlyDenied || d == iam::Decision::kImplicitlyDenied;
}

void CheckImplied(Context& ctx) {
  for (const auto& fn : ctx.facts.functions()) {
    if (analysis::ClassifyLogGroup(ctx.facts, fn) != analysis::ImpliedLogGroup::kImplied) continue;
    const model::Function& f = *fn.function;
    if (CannotWriteLogs(ctx, f)) continue;
    std::string name = analysis::ImpliedLogGroupName(f);
    ctx.Report(f, {}, "log_group",
               "function " + model::ShownName(f) + " has no log group in this template: Lambda creates " + name +
                   " with logs kept forever and no way to set retention from this template; "
                   "declare it",
               ctx.Fix("Declare an AWS::Logs::LogGroup with RetentionInDays and point "
                       "LoggingConfig.LogGroup of " +
                           f.id + " at it; or name it !Sub /aws/lambda/${" + f.id + "} (if " + f.id +
                           " has already run, Lambda created that group: delete it or import it "
                           "into the stack first, or the deployment fails).",
                       ""));
  }
}

void Check(Context& ctx) {
  CheckDeclared(ctx);
  CheckImplied(ctx);
}

}  // namespace

extern const RuleDef kRuleLog001;
const RuleDef kRuleLog001 = {
    .title = "Function logs are kept forever (no log retention)",
    .severity = model::Severity::kMedium,
    .tier = model::Tier::kHardening,
    .practice = model::Practice::kMonitoring,
    .check = &Check,
};

}  // namespace fnwarden::rules
