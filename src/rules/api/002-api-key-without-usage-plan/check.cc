// FNW-API-002: routes require an API key, but no usage plan covers the API,
// so no key can be used (or the keys that exist carry no limits).
#include <string>
#include <vector>

#include "analysis/policy_query.h"
#include "analysis/store_query.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

// True when a usage plan of the model lists the API (any of its stages, or
// a stage fnwarden cannot read).
bool HasUsagePlan(const model::Model& m, const model::Api& api) {
  for (const auto& plan : m.usage_plans) {
    for (const auto& s : plan.api_stages) {
      if (s.api_id == api.id) return true;
    }
  }
  return false;
}

void Check(Context& ctx) {
  for (const auto& api : ctx.model.apis) {
    if (api.kind != model::ApiKind::kRest) continue;
    std::vector<std::string> routes;
    const model::Route* first = nullptr;
    for (const auto& r : api.routes) {
      if (!r.api_key_required.Is(true)) continue;
      if (first == nullptr) first = &r;
      routes.push_back(analysis::RouteLabel(r));
    }
    if (first == nullptr || HasUsagePlan(ctx.model, api)) continue;
    if (routes.size() > 3) {
      size_t more = routes.size() - 3;
      routes.resize(3);
      routes.push_back(std::to_string(more) + " more");
    }
    // The fix is a usage plan for the API: point at the API, or at the first
    // route for SAM's implicit API, which has no declaration of its own.
    ctx.Report(api.id, api.loc, api.from_events ? first->loc : util::Loc{}, "api_key_required",
               "API " + api.id + " requires an API key on " + analysis::JoinNames(routes) +
                   " but no usage plan covers it: keys are not associated with the API, so "
                   "either nobody can call these routes or the keys carry no throttle or quota",
               api.from_events
                   ? "Set Auth.UsagePlan (CreateUsagePlan: PER_API, with Throttle and Quota) in " +
                         analysis::ImplicitApiSettings(api) + "."
                   : "Add an AWS::ApiGateway::UsagePlan (or Auth.UsagePlan in SAM) for the "
                     "stages of " +
                         api.id +
                         " with throttle and quota limits, and associate the keys with it.");
  }
}

}  // namespace

extern const RuleDef kRuleApi002;
const RuleDef kRuleApi002 = {
    .title = "API key required without a usage plan",
    .severity = model::Severity::kMedium,
    .tier = model::Tier::kHardening,
    .practice = model::Practice::kApiAuthentication,
    .check = &Check,
};

}  // namespace fnwarden::rules
