// FNW-CFG-012: a bucket anyone can read or write: a bucket policy that allows
// principal "*" without a restricting condition, or a public canned ACL.
#include <string>
#include <vector>

#include "analysis/iam/public_access.h"
#include "analysis/policy_query.h"
#include "analysis/store_query.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

// True when the template itself turns the block-public-access flag on:
// then AWS rejects or neutralises the public grant.
bool ExplicitlyTrue(const model::Bool& b) { return b.Is(true) && !b.has(model::kDefaulted); }

// Reports each statement of `policies` that lets anyone in. `label` says
// whose policy it is ("the policy of bucket Site", "bucket policy P, on
// bucket shared-logs,").
void CheckStatements(Context& ctx, const model::Resource& r, const std::string& label,
                     const std::vector<model::PolicyDocument>& policies) {
  const analysis::iam::Resolver& resolver = ctx.facts.IamResolver();
  for (const auto& doc : policies) {
    for (const model::Statement* statement :
         analysis::iam::PublicStatements(doc, resolver, resolver.ArnOf(r.id))) {
      const model::Statement& s = *statement;
      ctx.Report(r, s.loc, analysis::StatementAttribute("policy", doc, s),
                 label + " allows " + analysis::ActionSummary(s) +
                     " to anyone on the internet, with no condition restricting who can use it",
                 "Replace Principal \"*\" in " + doc.name +
                     " with the principals that need access (a CloudFront origin access control, "
                     "a role), or add a condition such as aws:SourceArn or aws:PrincipalOrgID.");
    }
  }
}

void CheckPolicies(Context& ctx, const model::Bucket& b) {
  if (ExplicitlyTrue(b.block_public_policy) || ExplicitlyTrue(b.restrict_public_buckets)) return;
  CheckStatements(ctx, b, "the policy of bucket " + b.id, b.policies);
}

void CheckAcl(Context& ctx, const model::Bucket& b) {
  if (!analysis::IsOneOf(b.access_control,
                         {"PublicRead", "PublicReadWrite", "AuthenticatedRead"})) {
    return;
  }
  if (ExplicitlyTrue(b.ignore_public_acls) || ExplicitlyTrue(b.block_public_acls)) return;
  std::string who = b.access_control.value == "AuthenticatedRead" ? "every AWS account"
                                                                  : "anyone on the internet";
  ctx.Report(b, b.access_control.loc, "access_control",
             "bucket " + b.id + " has the canned ACL " + b.access_control.value + ": " + who +
                 " can " +
                 (b.access_control.value == "PublicReadWrite" ? "read and write" : "read") +
                 " its objects",
             "Remove AccessControl from " + b.id +
                 " (buckets are private by default) and serve public content through CloudFront.");
}

void Check(Context& ctx) {
  for (const auto& b : ctx.model.buckets) {
    CheckPolicies(ctx, b);
    CheckAcl(ctx, b);
  }
  // Policies on buckets created elsewhere are still this application's.
  for (const auto& p : ctx.model.store_policies) {
    if (p.store_kind != model::StoreKind::kBucket) continue;
    CheckStatements(ctx, p,
                    "bucket policy " + p.id + ", on " + analysis::StorePolicyTarget(p) + ",",
                    {p.policy});
  }
}

}  // namespace

extern const RuleDef kRuleCfg012;
const RuleDef kRuleCfg012 = {
    .title = "Bucket is public",
    .severity = model::Severity::kCritical,
    .tier = model::Tier::kRisk,
    .practice = model::Practice::kSecureConfiguration,
    .check = &Check,
};

}  // namespace fnwarden::rules
