// FNW-LOG-010: a REST API stage without X-Ray tracing.
#include "analysis/store_query.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

void Check(Context& ctx) {
  for (const auto& api : ctx.model.apis) {
    if (api.kind != model::ApiKind::kRest) continue;
    for (const auto& stage : api.stages) {
      if (!analysis::NotTrue(stage.tracing_enabled)) continue;
      ctx.Report(stage.id, stage.loc, analysis::WrittenAt(stage.tracing_enabled), "stage.tracing",
                 "stage " + analysis::StageName(stage) + " of " + analysis::ApiLabel(api) +
                     " does not trace requests with X-Ray: a request cannot be followed from the "
                     "API into the functions it invokes",
                 api.from_events
                     ? "Set TracingEnabled: true in " + analysis::ImplicitApiSettings(api) + "."
                     : "Set TracingEnabled: true on the stage (SAM: on " + api.id + ").");
    }
  }
}

}  // namespace

extern const RuleDef kRuleLog010;
const RuleDef kRuleLog010 = {
    .title = "REST API stage without X-Ray tracing",
    .severity = model::Severity::kLow,
    .tier = model::Tier::kHardening,
    .practice = model::Practice::kMonitoring,
    .check = &Check,
};

}  // namespace fnwarden::rules
