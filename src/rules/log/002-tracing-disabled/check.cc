// FNW-LOG-002: a function without active X-Ray tracing.
#include <string>

#include "analysis/store_query.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

void Check(Context& ctx) {
  for (const auto& f : ctx.model.functions) {
    if (!analysis::AbsentOrNever(f.tracing, [](const std::string& t) { return t == "Active"; })) {
      continue;
    }
    std::string what;
    if (f.tracing.absent() || f.tracing.has(model::kDefaulted)) {
      what = "has no active tracing (Tracing is not set)";
    } else if (f.tracing.known()) {
      what = "traces only what callers pass in (Tracing: " + f.tracing.value + ")";
    } else {
      what = "has no active tracing in any branch of its condition";
    }
    ctx.Report(f, analysis::WrittenAt(f.tracing), "tracing",
               "function " + model::ShownName(f) + " " + what +
                   ": its calls to other services cannot be followed during an investigation",
               ctx.Fix("Set Tracing: Active on " + f.id + " (or in Globals.Function for every function).",
                       "Set tracing: Active on function " + model::ShownName(f) +
                           " (or provider.tracing.lambda: true for every function)."));
  }
}

}  // namespace

extern const RuleDef kRuleLog002;
const RuleDef kRuleLog002 = {
    .title = "Function without active X-Ray tracing",
    .severity = model::Severity::kLow,
    .tier = model::Tier::kHardening,
    .practice = model::Practice::kMonitoring,
    .check = &Check,
};

}  // namespace fnwarden::rules
