// FNW-IR-004: a bucket without versioning.
#include <string>

#include "analysis/store_query.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

void Check(Context& ctx) {
  for (const auto& b : ctx.model.buckets) {
    auto enabled = [](const std::string& s) { return s == "Enabled"; };
    if (!analysis::AbsentOrNever(b.versioning, enabled)) continue;
    std::string what = b.versioning.absent() ? "has no versioning"
                       : b.versioning.known()
                           ? "has versioning " + b.versioning.value
                           : "has versioning off in every branch of its condition";
    std::string fix = "Set VersioningConfiguration: {Status: Enabled} on " + b.id +
                      ", with a lifecycle rule that expires noncurrent versions.";
    ctx.Report(b, analysis::WrittenAt(b.versioning), "versioning",
               "bucket " + b.id + " " + what +
                   ": objects that a compromised or buggy function overwrites or deletes cannot "
                   "be recovered",
               ctx.Fix(b, fix,
                       // The framework's deployment bucket has a setting of its own.
                       b.id == "ServerlessDeploymentBucket"
                           ? "Set provider.deploymentBucket.versioning: true."
                           : ""));
  }
}

}  // namespace

extern const RuleDef kRuleIr004;
const RuleDef kRuleIr004 = {
    .title = "Bucket without versioning",
    .severity = model::Severity::kLow,
    .tier = model::Tier::kHardening,
    .practice = model::Practice::kIncidentResponse,
    .check = &Check,
};

}  // namespace fnwarden::rules
