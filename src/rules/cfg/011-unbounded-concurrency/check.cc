// FNW-CFG-011: an internet-facing function can use the whole account's
// concurrency (no ReservedConcurrentExecutions).
#include <string>

#include "analysis/policy_query.h"
#include "analysis/store_query.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

std::string ExposureLabel(const analysis::Exposure& e) {
  if (e.route != nullptr) return analysis::RouteLabel(*e.route);
  return "its function URL";
}

void Check(Context& ctx) {
  for (const auto& fn : ctx.facts.functions()) {
    const model::Function& f = *fn.function;
    if (!fn.internet_facing || !f.reserved_concurrency.absent()) continue;
    std::string via = fn.exposures.empty() ? "the internet" : ExposureLabel(fn.exposures.front());
    ctx.Report(f, {}, "ReservedConcurrentExecutions",
               "function " + f.id + " is reachable from the internet (" + via +
                   ") and has no reserved concurrency: a flood of requests to it can use the "
                   "account's whole concurrency limit and throttle every other function",
               "Set ReservedConcurrentExecutions on " + f.id + " to the most it should ever use.");
  }
}

}  // namespace

extern const RuleDef kRuleCfg011;
const RuleDef kRuleCfg011 = {
    .title = "Internet-facing function without reserved concurrency",
    .severity = model::Severity::kLow,
    .tier = model::Tier::kHardening,
    .practice = model::Practice::kSecureConfiguration,
    .check = &Check,
};

}  // namespace fnwarden::rules
