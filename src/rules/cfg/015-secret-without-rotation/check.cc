// FNW-CFG-015: a Secrets Manager secret is never rotated.
#include "analysis/store_query.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

void Check(Context& ctx) {
  for (const auto& s : ctx.model.secrets) {
    if (s.has_rotation) continue;
    ctx.Report(s, {}, "rotation",
               "secret " + s.id +
                   " has no rotation schedule: a leaked copy of it stays valid until someone "
                   "notices and changes it by hand",
               "Add an AWS::SecretsManager::RotationSchedule for " + s.id +
                   " (a managed rotation for RDS, or a rotation function).");
  }
}

}  // namespace

extern const RuleDef kRuleCfg015;
const RuleDef kRuleCfg015 = {
    .title = "Secret without rotation",
    .severity = model::Severity::kLow,
    .tier = model::Tier::kHardening,
    .practice = model::Practice::kSecureConfiguration,
    .check = &Check,
};

}  // namespace fnwarden::rules
