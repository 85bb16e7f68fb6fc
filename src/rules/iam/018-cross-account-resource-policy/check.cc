// FNW-IAM-018: a bucket, queue, topic or event bus policy, or a Lambda
// permission, lets another AWS account in with no condition. (Policies open
// to everyone are FNW-CFG-005, FNW-CFG-012 and FNW-CFG-013.)
#include <optional>
#include <string>
#include <vector>

#include "analysis/iam/effective.h"
#include "analysis/iam/public_access.h"
#include "analysis/policy_query.h"
#include "analysis/store_query.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

namespace iam = analysis::iam;

// `label` names whose policy it is: "the policy of bucket Site", "bucket
// policy P, on bucket shared-logs,".
void CheckDocument(Context& ctx, const iam::Resolver& resolver, const model::Resource& owner,
                   const std::string& label, const model::PolicyDocument& original,
                   std::string_view prefix) {
  if (!original.known) return;
  std::optional<model::PolicyDocument> storage;
  const model::PolicyDocument& doc = resolver.Resolve(original, &storage);
  iam::CompiledPolicy compiled = iam::Compile(doc, iam::PolicyKind::kResource);
  std::string arn = resolver.ArnOf(owner.id);
  for (size_t i = 0; i < doc.statements.size(); ++i) {
    const model::Statement& resolved = doc.statements[i];
    std::string action, resource;
    if (!iam::StatementRequest(resolved, arn, &action, &resource)) continue;
    for (const std::string& principal : iam::ForeignPrincipals(resolved, resolver)) {
      iam::Result r = iam::ResourcePolicyAllows(compiled, iam::ResourcePolicyMode::kOrdinary,
                                                principal, "", action, resource);
      if (r.decision != iam::Decision::kAllowed) continue;
      bool through_this = false;
      for (const auto& ref : r.statements) through_this = through_this || ref.index == i;
      if (!through_this) continue;
      const model::Statement& s = original.statements[i];
      ctx.Report(owner, s.loc, analysis::StatementAttribute(prefix, original, s),
                 label + " lets account " + std::string(iam::SplitArn(principal).part[4]) +
                     ", outside the account it is deployed to, call " + analysis::ActionSummary(s) +
                     " with no condition, " + iam::Where(s.loc),
                 "Name the role of the other account instead of the whole account, and add a "
                 "condition such as aws:PrincipalOrgID or aws:SourceArn.");
      break;
    }
  }
}

void CheckPermission(Context& ctx, const iam::Resolver& resolver, const model::Permission& p) {
  if (!p.source_arn.absent() || !p.source_account.absent() ||
      !p.principal_org_id.absent()) {
    return;
  }
  model::String principal = resolver.Resolve(p.principal);
  if (!principal.known()) return;
  model::Statement s;
  s.principals.push_back({"AWS", principal});
  std::vector<std::string> foreign = iam::ForeignPrincipals(s, resolver);
  if (foreign.empty()) return;
  std::string fn = p.function_id.empty() ? "a function" : "function " + model::ShownFunctionName(ctx.model, p.function_id);
  ctx.Report(p, p.principal.loc, "principal",
             "permission " + p.id + " lets account " +
                 std::string(iam::SplitArn(foreign.front()).part[4]) +
                 ", outside the account it is deployed to, invoke " + fn + " with no condition",
             "Name the role of the other account as principal, or add PrincipalOrgID.");
}

void Check(Context& ctx) {
  const iam::Resolver& resolver = ctx.facts.IamResolver();
  auto check = [&](const auto& owners, std::string_view kind, std::string_view prefix) {
    for (const auto& r : owners) {
      for (const auto& d : r.policies) {
        CheckDocument(ctx, resolver, r, "the policy of " + std::string(kind) + " " + r.id, d,
                      prefix);
      }
    }
  };
  check(ctx.model.buckets, "bucket", "policy");
  check(ctx.model.queues, "queue", "policy");
  check(ctx.model.topics, "topic", "policy");
  check(ctx.model.event_buses, "event bus", "policy");
  // Policies on stores created elsewhere, or named by a computed name, are
  // still this application's.
  for (const auto& p : ctx.model.store_policies) {
    std::string_view kind = p.store_kind == model::StoreKind::kBucket  ? "bucket"
                            : p.store_kind == model::StoreKind::kQueue ? "queue"
                                                                       : "topic";
    CheckDocument(
        ctx, resolver, p,
        std::string(kind) + " policy " + p.id + ", on " + analysis::StorePolicyTarget(p) + ",",
        p.policy, "policy");
  }
  for (const auto& p : ctx.model.permissions) CheckPermission(ctx, resolver, p);
}

}  // namespace

extern const RuleDef kRuleIam018;
const RuleDef kRuleIam018 = {
    .title = "Resource policy lets another account in without a condition",
    .severity = model::Severity::kMedium,
    .tier = model::Tier::kRisk,
    .practice = model::Practice::kLeastPrivilege,
    .check = &Check,
};

}  // namespace fnwarden::rules
