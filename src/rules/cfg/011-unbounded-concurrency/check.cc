// FNW-CFG-011: an internet-facing function can use the whole account's
// concurrency (no ReservedConcurrentExecutions).
#include <string>

#include "analysis/policy_query.h"
#include "analysis/reachability.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

std::string ExposureLabel(const analysis::Exposure& e) {
  if (e.route != nullptr) return analysis::RouteLabel(*e.route);
  return "its function URL";
}

void Check(Context& ctx) {
  analysis::Reachability reach(ctx.facts);
  for (const auto& fn : ctx.facts.functions()) {
    const model::Function& f = *fn.function;
    if (!f.reserved_concurrency.absent()) continue;
    // The first way in that a caller without AWS credentials can use.
    const analysis::Exposure* open = nullptr;
    for (const analysis::Exposure& e : fn.exposures) {
      if (reach.Invocable(e) == analysis::Reach::kInternet) {
        open = &e;
        break;
      }
    }
    if (open == nullptr) continue;
    std::string via = ExposureLabel(*open);
    ctx.Report(f, {}, "reserved_concurrency",
               "function " + model::ShownName(f) + " is reachable from the internet (" + via +
                   ") and has no reserved concurrency: a flood of requests to it can use the "
                   "account's whole concurrency limit and throttle every other function",
               ctx.Fix("Set ReservedConcurrentExecutions on " + f.id + " to the most it should ever use.",
                       "Set reservedConcurrency on function " + model::ShownName(f) +
                           " to the most it should ever use."));
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
