// FNW-LOG-007: a CloudTrail trail of the template that does not record
// Lambda invocations while the template deploys functions.
#include <string>
#include <vector>

#include "analysis/store_query.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace fnwarden::rules {
namespace {

void Check(Context& ctx) {
  std::vector<std::string> functions;
  for (const auto& f : ctx.model.functions) {
    functions.push_back(f.id);
  }
  if (functions.empty()) return;
  std::string named =
      functions.size() <= 3
          ? util::Join(functions, ", ")
          : util::Join(std::vector<std::string>(functions.begin(), functions.begin() + 3), ", ") +
                " and " + std::to_string(functions.size() - 3) + " more";
  for (const auto& trail : ctx.model.trails) {
    if (trail.lambda_data_events) continue;
    ctx.Report(trail, {}, "data_events",
               "trail " + trail.id + " records no Lambda data events: invocations of " + named +
                   " (who invoked which function, when) are not in CloudTrail",
               "Add an event selector for AWS::Lambda::Function data events to " + trail.id + ".");
  }
}

}  // namespace

extern const RuleDef kRuleLog007;
const RuleDef kRuleLog007 = {
    .title = "CloudTrail trail without Lambda data events",
    .severity = model::Severity::kMedium,
    .tier = model::Tier::kHardening,
    .practice = model::Practice::kMonitoring,
    .check = &Check,
};

}  // namespace fnwarden::rules
