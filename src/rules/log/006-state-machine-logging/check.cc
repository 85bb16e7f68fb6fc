// FNW-LOG-006: a Step Functions state machine that logs nothing.
#include <string>

#include "analysis/store_query.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace fnwarden::rules {
namespace {

void Check(Context& ctx) {
  for (const auto& sm : ctx.model.state_machines) {
    auto logs = [](const std::string& level) { return !util::EqualsIgnoreCase(level, "OFF"); };
    if (!analysis::AbsentOrNever(sm.logging_level, logs)) continue;
    std::string what =
        sm.logging_level.absent() ? "has no logging configuration" : "has logging Level OFF";
    ctx.Report(sm, analysis::WrittenAt(sm.logging_level), "logging.level",
               "state machine " + sm.id + " " + what +
                   ": the executions it runs, and the functions it invokes, leave no log",
               "Add a LoggingConfiguration (SAM: Logging) to " + sm.id +
                   " with Level ERROR or ALL and a log group destination.");
  }
}

}  // namespace

extern const RuleDef kRuleLog006;
const RuleDef kRuleLog006 = {
    .title = "State machine without execution logging",
    .severity = model::Severity::kMedium,
    .tier = model::Tier::kHardening,
    .practice = model::Practice::kMonitoring,
    .check = &Check,
};

}  // namespace fnwarden::rules
