// FNW-LOG-004: an HTTP API stage without access logging.
#include "analysis/store_query.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

void Check(Context& ctx) {
  for (const auto& api : ctx.model.apis) {
    if (api.kind != model::ApiKind::kHttp) continue;
    for (const auto& stage : api.stages) {
      if (!stage.access_log_destination.absent()) continue;
      ctx.Report(stage.id, stage.loc, {}, "stage.access_logs",
                 "stage " + analysis::StageName(stage) + " of " + analysis::ApiLabel(api) +
                     " writes no access logs: requests to it (caller IP, identity, route, status) "
                     "are not recorded",
                 api.from_events ? "Set AccessLogSettings, with a log group ARN as DestinationArn "
                                "and a Format, in " +
                                    analysis::ImplicitApiSettings(api) + "."
                              : "Set AccessLogSettings (SAM: AccessLogSettings on " + api.id +
                                    ") with a log group ARN as DestinationArn and a Format.");
    }
  }
}

}  // namespace

extern const RuleDef kRuleLog004;
const RuleDef kRuleLog004 = {
    .title = "HTTP API stage without access logs",
    .severity = model::Severity::kMedium,
    .tier = model::Tier::kHardening,
    .practice = model::Practice::kMonitoring,
    .check = &Check,
};

}  // namespace fnwarden::rules
