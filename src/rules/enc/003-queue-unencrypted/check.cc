// FNW-ENC-003: an SQS queue with server-side encryption turned off.
#include "analysis/store_query.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

void Check(Context& ctx) {
  for (const auto& q : ctx.model.queues) {
    if (!q.kms_key.absent()) continue;
    // Absent SqsManagedSseEnabled means SSE-SQS, the default since 2022.
    if (!q.sqs_managed_sse.Always([](bool on) { return !on; })) continue;
    ctx.Report(q, analysis::WrittenAt(q.sqs_managed_sse), "encryption",
               "queue " + q.id +
                   " stores messages unencrypted (SQS-managed encryption turned off and no KMS "
                   "key)",
               "Remove SqsManagedSseEnabled: false from " + q.id +
                   " (SSE-SQS is the default) or set KmsMasterKeyId to a KMS key.");
  }
}

}  // namespace

extern const RuleDef kRuleEnc003;
const RuleDef kRuleEnc003 = {
    .title = "SQS queue without server-side encryption",
    .severity = model::Severity::kMedium,
    .tier = model::Tier::kHardening,
    .practice = model::Practice::kDataEncryption,
    .check = &Check,
};

}  // namespace fnwarden::rules
