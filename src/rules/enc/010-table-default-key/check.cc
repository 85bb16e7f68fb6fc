// FNW-ENC-010: a DynamoDB table encrypted with an AWS owned key.
#include "analysis/store_query.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

void Check(Context& ctx) {
  for (const auto& t : ctx.model.tables) {
    if (!analysis::NotTrue(t.sse_enabled)) continue;
    ctx.Report(t, analysis::WrittenAt(t.sse_enabled), "encryption",
               "table " + t.id +
                   " is encrypted with an AWS owned key: its encryption cannot be audited in "
                   "CloudTrail or revoked, and access depends on IAM alone",
               "Set SSESpecification: {SSEEnabled: true, SSEType: KMS} on " + t.id +
                   " (with KMSMasterKeyId for a customer managed key).");
  }
}

}  // namespace

extern const RuleDef kRuleEnc010;
const RuleDef kRuleEnc010 = {
    .title = "DynamoDB table encrypted with an AWS owned key",
    .severity = model::Severity::kLow,
    .tier = model::Tier::kHardening,
    .practice = model::Practice::kDataEncryption,
    .check = &Check,
};

}  // namespace fnwarden::rules
