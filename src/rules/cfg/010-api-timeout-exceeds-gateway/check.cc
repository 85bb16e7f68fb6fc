// FNW-CFG-010: a function behind API Gateway has a timeout longer than the
// gateway's 29-second integration limit.
#include <string>

#include "analysis/policy_query.h"
#include "analysis/store_query.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

constexpr char kOrLess[] =
    " seconds or less, and move long work to an asynchronous job.";

// API Gateway's maximum integration timeout: 29 s for REST APIs (the
// default; raising it needs a quota increase), 30 s for HTTP APIs.
int64_t GatewayLimitSeconds(model::ApiKind kind) { return kind == model::ApiKind::kHttp ? 30 : 29; }

void Check(Context& ctx) {
  for (const auto& fn : ctx.facts.functions()) {
    const model::Function& f = *fn.function;
    if (!f.timeout.known()) continue;
    const analysis::Exposure* exposure = nullptr;
    for (const auto& e : fn.exposures) {
      if (e.route == nullptr || e.api == nullptr || e.api->kind == model::ApiKind::kWebSocket ||
          f.timeout.value <= GatewayLimitSeconds(e.api->kind)) {
        continue;
      }
      exposure = &e;
      break;
    }
    if (exposure == nullptr) continue;
    int64_t limit = GatewayLimitSeconds(exposure->api->kind);
    ctx.Report(f, analysis::WrittenAt(f.timeout), "timeout",
               "function " + model::ShownName(f) + " has a timeout of " + std::to_string(f.timeout.value) +
                   " s but is reached through " + analysis::RouteLabel(*exposure->route) +
                   ", and API Gateway gives up after " + std::to_string(limit) +
                   " s: slow requests keep running (and billing, and holding concurrency) long "
                   "after the client got an error, which makes the function cheap to exhaust",
               ctx.Fix("Set Timeout of " + f.id + " to " + std::to_string(limit) + kOrLess,
                       "Set timeout: " + std::to_string(limit) + " on function " +
                           model::ShownName(f) + kOrLess));
  }
}

}  // namespace

extern const RuleDef kRuleCfg010;
const RuleDef kRuleCfg010 = {
    .title = "API function timeout exceeds API Gateway's limit",
    .severity = model::Severity::kLow,
    .tier = model::Tier::kHardening,
    .practice = model::Practice::kSecureConfiguration,
    .check = &Check,
};

}  // namespace fnwarden::rules
