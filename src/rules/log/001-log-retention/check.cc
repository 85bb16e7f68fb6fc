// FNW-LOG-001: a function's log group keeps its logs forever, either because
// the declared log group has no RetentionInDays or because the template
// declares none and Lambda creates /aws/lambda/<name> itself.
#include <string>
#include <vector>

#include "analysis/store_query.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace fnwarden::rules {
namespace {

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
    ctx.Report(*g.group, {}, "retention_days", what + "RetentionInDays: its logs are kept forever",
               "Set RetentionInDays on " + g.group->id +
                   " (for example 90 or 365, as your investigation and privacy rules require).");
  }
}

void CheckImplied(Context& ctx) {
  for (const auto& fn : ctx.facts.functions()) {
    if (analysis::ClassifyLogGroup(ctx.facts, fn) != analysis::ImpliedLogGroup::kImplied) continue;
    const model::Function& f = *fn.function;
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
