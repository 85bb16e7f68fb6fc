// FNW-LOG-005: a REST API stage with execution logging off.
#include <string>

#include "analysis/store_query.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace fnwarden::rules {
namespace {

void Check(Context& ctx) {
  for (const auto& api : ctx.model.apis) {
    if (api.kind != model::ApiKind::kRest) continue;
    for (const auto& stage : api.stages) {
      auto is_on = [](const std::string& level) { return !util::EqualsIgnoreCase(level, "OFF"); };
      if (!analysis::AbsentOrNever(stage.logging_level, is_on)) continue;
      std::string what = stage.logging_level.absent() ? "has no execution logging"
                                                      : "has execution logging turned OFF";
      ctx.Report(stage.id, stage.loc, analysis::WrittenAt(stage.logging_level),
                 "stage.execution_logging",
                 "stage " + analysis::StageName(stage) + " of " + analysis::ApiLabel(api) + " " +
                     what + ": authorizer and integration failures leave no trace",
                 "Set a MethodSettings entry for HttpMethod \"*\" and ResourcePath \"/*\" with "
                 "LoggingLevel ERROR (or INFO)" +
                     (api.from_events ? " in " + analysis::ImplicitApiSettings(api) : std::string()) +
                     ".");
    }
  }
}

}  // namespace

extern const RuleDef kRuleLog005;
const RuleDef kRuleLog005 = {
    .title = "REST API stage without execution logging",
    .severity = model::Severity::kLow,
    .tier = model::Tier::kHardening,
    .practice = model::Practice::kMonitoring,
    .check = &Check,
};

}  // namespace fnwarden::rules
