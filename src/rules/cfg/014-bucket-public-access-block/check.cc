// FNW-CFG-014: a bucket does not pin S3 Block Public Access on (all four
// flags true).
#include <string>
#include <utility>

#include "analysis/store_query.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

void Check(Context& ctx) {
  for (const auto& b : ctx.model.buckets) {
    if (!b.has_public_access_block) {
      std::string fix =
          "Add PublicAccessBlockConfiguration to " + b.id + " with all four flags true.";
      ctx.Report(b, {}, "public_access_block",
                 "bucket " + b.id +
                     " declares no public access block: nothing in the template "
                     "stops a later policy or ACL change from making it public",
                 ctx.Fix(b, fix,
                         // The framework's deployment bucket has a setting of its own.
                         b.id == "ServerlessDeploymentBucket"
                             ? "Set provider.deploymentBucket.blockPublicAccess: true."
                             : ""));
      continue;
    }
    const std::pair<const char*, const model::Bool*> flags[] = {
        {"BlockPublicAcls", &b.block_public_acls},
        {"BlockPublicPolicy", &b.block_public_policy},
        {"IgnorePublicAcls", &b.ignore_public_acls},
        {"RestrictPublicBuckets", &b.restrict_public_buckets},
    };
    for (const auto& [name, flag] : flags) {
      // An omitted flag of a declared configuration is false.
      if (!flag->absent() && !flag->Is(false)) continue;
      bool omitted = flag->absent() || flag->has(model::kDefaulted);
      ctx.Report(b, analysis::WrittenAt(*flag), std::string("public_access_block.") + name,
                 "bucket " + b.id + " has " + name +
                     (omitted ? " omitted (false)" : " set to false") +
                     " in its public access block, so S3 does not block that way of "
                     "making it public",
                 "Set " + std::string(name) + ": true on " + b.id +
                     " (grant public access through CloudFront instead).");
    }
  }
}

}  // namespace

extern const RuleDef kRuleCfg014;
const RuleDef kRuleCfg014 = {
    .title = "Bucket without full S3 Block Public Access",
    .severity = model::Severity::kMedium,
    .tier = model::Tier::kHardening,
    .practice = model::Practice::kSecureConfiguration,
    .check = &Check,
};

}  // namespace fnwarden::rules
