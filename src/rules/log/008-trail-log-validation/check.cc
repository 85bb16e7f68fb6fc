// FNW-LOG-008: a CloudTrail trail without log file integrity validation.
#include "analysis/store_query.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

void Check(Context& ctx) {
  for (const auto& trail : ctx.model.trails) {
    if (!analysis::NotTrue(trail.log_file_validation)) continue;
    ctx.Report(trail, analysis::WrittenAt(trail.log_file_validation), "log_file_validation",
               "trail " + trail.id +
                   " does not validate its log files: someone who can write to its bucket can "
                   "alter or delete records without it being detectable",
               "Set EnableLogFileValidation: true on " + trail.id + ".");
  }
}

}  // namespace

extern const RuleDef kRuleLog008;
const RuleDef kRuleLog008 = {
    .title = "CloudTrail trail without log file validation",
    .severity = model::Severity::kMedium,
    .tier = model::Tier::kHardening,
    .practice = model::Practice::kMonitoring,
    .check = &Check,
};

}  // namespace fnwarden::rules
