// FNW-ENC-005: a log group encrypted only with the service's own key.
#include "analysis/store_query.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

void Check(Context& ctx) {
  for (const auto& g : ctx.model.log_groups) {
    // A retention setter cannot set a key: the log group is Lambda's.
    if (!g.kms_key.absent() || g.retention_only) continue;
    std::string fix = "Set KmsKeyId on " + g.id +
                      " to a customer managed key whose policy allows the logs service of this "
                      "region.";
    // The framework's log groups have no setting: their resources are extended.
    ctx.Report(g, {}, "kms_key",
               "log group " + g.id +
                   " is not encrypted with a KMS key: anyone allowed to read CloudWatch Logs in "
                   "the account can "
                   "read what the application logged",
               ctx.Fix(g, fix,
                       "Set KmsKeyId on " + g.id +
                           " through resources.extensions, to a customer managed key declared "
                           "under resources whose policy allows the logs service of this "
                           "region."));
  }
}

}  // namespace

extern const RuleDef kRuleEnc005;
const RuleDef kRuleEnc005 = {
    .title = "Log group without a customer managed key",
    .severity = model::Severity::kLow,
    .tier = model::Tier::kHardening,
    .practice = model::Practice::kDataEncryption,
    .check = &Check,
};

}  // namespace fnwarden::rules
