// FNW-API-003: an API stage has no throttling of its own: no default route or
// method throttle, and no usage plan with a throttle.
#include <string>

#include "analysis/store_query.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

// True when a usage plan of the model throttles the API (or may: a limit
// fnwarden cannot read counts as set).
bool UsagePlanThrottles(const model::Model& m, const model::Api& api) {
  for (const auto& plan : m.usage_plans) {
    bool covers = false;
    for (const auto& s : plan.api_stages) covers = covers || s.api_id == api.id;
    if (covers && (!plan.throttle_rate_limit.absent() || !plan.throttle_burst_limit.absent())) {
      return true;
    }
  }
  return false;
}

void Check(Context& ctx) {
  for (const auto& api : ctx.model.apis) {
    if (api.kind == model::ApiKind::kWebSocket) continue;
    if (UsagePlanThrottles(ctx.model, api)) continue;
    for (const auto& stage : api.stages) {
      if (!stage.throttling_rate_limit.absent() || !stage.throttling_burst_limit.absent()) continue;
      std::string name = analysis::StageName(stage);
      std::string implicit = analysis::ImplicitApiSettings(api);
      bool http = api.kind == model::ApiKind::kHttp;
      ctx.Report(stage.id.empty() ? api.id : stage.id, stage.loc.known() ? stage.loc : api.loc,
                 stage.loc, "stage.throttling",
                 "stage " + name + " of API " + api.id +
                     " has no throttling: one client can send as many requests as the account "
                     "limit allows, running up the bill of every function behind it and starving "
                     "the rest of the account",
                 implicit.empty()
                     ? "Set a default throttle on stage " + name + " of " + api.id +
                           " (MethodSettings ThrottlingRateLimit/ThrottlingBurstLimit for REST "
                           "APIs, DefaultRouteSettings for HTTP APIs)."
                     : std::string(http ? "Set DefaultRouteSettings ThrottlingRateLimit and "
                                          "ThrottlingBurstLimit"
                                        : "Set a MethodSettings entry for HttpMethod \"*\" and "
                                          "ResourcePath \"/*\" with ThrottlingRateLimit and "
                                          "ThrottlingBurstLimit") +
                           " in " + implicit + ".");
    }
  }
}

}  // namespace

extern const RuleDef kRuleApi003;
const RuleDef kRuleApi003 = {
    .title = "API stage without throttling",
    .severity = model::Severity::kMedium,
    .tier = model::Tier::kHardening,
    .practice = model::Practice::kApiAuthentication,
    .check = &Check,
};

}  // namespace fnwarden::rules
