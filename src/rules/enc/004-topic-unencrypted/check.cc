// FNW-ENC-004: an SNS topic without server-side encryption.
#include "analysis/store_query.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

void Check(Context& ctx) {
  for (const auto& t : ctx.model.topics) {
    if (!t.kms_key.absent()) continue;
    ctx.Report(t, {}, "kms_key",
               "topic " + t.id +
                   " is not encrypted at rest (no KmsMasterKeyId): SNS stores its messages "
                   "unencrypted until they are delivered",
               "Set KmsMasterKeyId on " + t.id +
                   " (alias/aws/sns, or a customer managed key when other services publish "
                   "to it).");
  }
}

}  // namespace

extern const RuleDef kRuleEnc004;
const RuleDef kRuleEnc004 = {
    .title = "SNS topic without server-side encryption",
    .severity = model::Severity::kMedium,
    .tier = model::Tier::kHardening,
    .practice = model::Practice::kDataEncryption,
    .check = &Check,
};

}  // namespace fnwarden::rules
