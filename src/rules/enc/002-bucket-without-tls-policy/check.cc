// FNW-ENC-002: a bucket whose policy does not deny requests without TLS.
#include "analysis/store_query.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

void Check(Context& ctx) {
  for (const auto& b : ctx.model.buckets) {
    if (analysis::DeniesInsecureTransport(b.policies) != analysis::Answer::kNo) continue;
    // Without a policy of its own, a bucket may still have one whose bucket
    // name cannot be compared with its name: fnwarden cannot tell. (A bucket
    // has one policy, so one of its own is the one that counts.)
    if (b.policies.empty() && analysis::MayHaveStorePolicy(ctx.model, b.id)) continue;
    const char* why =
        b.policies.empty() ? " has no bucket policy denying" : "'s bucket policy does not deny";
    ctx.Report(b, {}, "policy.aws:SecureTransport",
               "bucket " + b.id + why +
                   " requests over plain HTTP (aws:SecureTransport false): objects can be read "
                   "and written without encryption in transit",
               "Add a Deny statement on " + b.id +
                   " and its objects for any principal when aws:SecureTransport is false.");
  }
  // A policy this template writes for a bucket created elsewhere replaces
  // that bucket's whole policy.
  for (const auto& p : ctx.model.store_policies) {
    if (p.store_kind != model::StoreKind::kBucket) continue;
    if (analysis::DeniesInsecureTransport({p.policy}) != analysis::Answer::kNo) continue;
    ctx.Report(p, {}, "policy.aws:SecureTransport",
               "bucket policy " + p.id + ", on " + analysis::StorePolicyTarget(p) +
                   ", does not deny requests over plain HTTP (aws:SecureTransport false), and it "
                   "replaces the bucket's whole policy: objects can be read and written without "
                   "encryption in transit",
               "Add a Deny statement to " + p.id +
                   " for any principal when aws:SecureTransport is false, on the bucket and its "
                   "objects.");
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
