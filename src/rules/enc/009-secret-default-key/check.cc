// FNW-ENC-009: a Secrets Manager secret encrypted with the AWS managed key.
#include <string>

#include "analysis/store_query.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

void Check(Context& ctx) {
  for (const auto& s : ctx.model.secrets) {
    bool managed =
        s.kms_key.Always([](const std::string& k) { return k == "alias/aws/secretsmanager"; });
    if (!s.kms_key.absent() && !managed) continue;
    ctx.Report(s, analysis::WrittenAt(s.kms_key), "kms_key",
               "secret " + s.id +
                   " is encrypted with the AWS managed key aws/secretsmanager, whose policy you "
                   "cannot restrict and which other accounts cannot use",
               "Set KmsKeyId on " + s.id + " to a customer managed key.");
  }
}

}  // namespace

extern const RuleDef kRuleEnc009;
const RuleDef kRuleEnc009 = {
    .title = "Secret encrypted with the AWS managed key",
    .severity = model::Severity::kLow,
    .tier = model::Tier::kHardening,
    .practice = model::Practice::kDataEncryption,
    .check = &Check,
};

}  // namespace fnwarden::rules
