// FNW-ENC-002: a bucket whose policy does not deny requests without TLS.
#include "analysis/store_query.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

void Check(Context& ctx) {
  for (const auto& b : ctx.model.buckets) {
    if (analysis::DeniesInsecureTransport(b.policies) != analysis::Answer::kNo) continue;
    const char* why =
        b.policies.empty() ? " has no bucket policy denying" : "'s bucket policy does not deny";
    ctx.Report(b, {}, "BucketPolicy.aws:SecureTransport",
               "bucket " + b.id + why +
                   " requests over plain HTTP (aws:SecureTransport false): objects can be read "
                   "and written without encryption in transit",
               "Add a Deny statement on " + b.id +
                   " and its objects for any principal when aws:SecureTransport is false.");
  }
}

}  // namespace

extern const RuleDef kRuleEnc002;
const RuleDef kRuleEnc002 = {
    .title = "Bucket policy does not require TLS",
    .severity = model::Severity::kMedium,
    .tier = model::Tier::kHardening,
    .practice = model::Practice::kDataEncryption,
    .check = &Check,
};

}  // namespace fnwarden::rules
