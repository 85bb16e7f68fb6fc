// FNW-IAM-018: a bucket, queue, topic or event bus policy, or a Lambda
// permission, lets another AWS account in with no condition. (Policies open
// to everyone are FNW-CFG-005, FNW-CFG-012 and FNW-CFG-013.)
#include <optional>
#include <string>
#include <vector>

#include "analysis/iam/catalog.h"
#include "analysis/iam/effective.h"
#include "analysis/policy_query.h"
#include "analysis/store_query.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

namespace iam = analysis::iam;

// A concrete request for a statement: its first action (a pattern becomes
// the first action it covers) on its first resource (wildcards filled in),
// or on `fallback` when it names none.
bool RequestFor(const model::Statement& s, const std::string& fallback, std::string* action,
                std::string* resource) {
  action->clear();
  for (const auto& a : s.actions) {
    if (!a.known()) continue;
    std::vector<iam::ActionInfo> expanded = iam::Catalog::Get().Expand(a.value);
    if (!expanded.empty()) {
      *action = std::string(expanded.front().name);
      break;
    }
  }
  *resource = fallback;
  for (const auto& r : s.resources) {
    if (!r.known() || r.value == "*") continue;
    resource->clear();
    for (char c : r.value) {
      if (c == '*') {
        *resource += "fnwarden-any";
      } else {
        resource->push_back(c == '?' ? 'x' : c);
      }
    }
    break;
  }
  return !action->empty() && !resource->empty();
}

void CheckDocument(Context& ctx, const iam::Resolver& resolver, const model::Resource& owner,
                   std::string_view kind, const model::PolicyDocument& original,
                   std::string_view prefix) {
  if (!original.known) return;
  std::optional<model::PolicyDocument> storage;
  const model::PolicyDocument& doc = resolver.Resolve(original, &storage);
  iam::CompiledPolicy compiled = iam::Compile(doc, iam::PolicyKind::kResource);
  std::string arn = resolver.ArnOf(owner.id);
  for (size_t i = 0; i < doc.statements.size(); ++i) {
    const model::Statement& resolved = doc.statements[i];
    std::string action, resource;
    if (!RequestFor(resolved, arn, &action, &resource)) continue;
    for (const std::string& principal : iam::ForeignPrincipals(resolved, resolver)) {
      iam::Result r = iam::ResourcePolicyAllows(compiled, iam::ResourcePolicyMode::kOrdinary,
                                                principal, "", action, resource);
      if (r.decision != iam::Decision::kAllowed) continue;
      bool through_this = false;
      for (const auto& ref : r.statements) through_this = through_this || ref.index == i;
      if (!through_this) continue;
      const model::Statement& s = original.statements[i];
      ctx.Report(owner, s.loc, analysis::StatementAttribute(prefix, original, s),
                 "the policy of " + std::string(kind) + " " + owner.id + " lets account " +
                     std::string(iam::SplitArn(principal).part[4]) +
                     ", outside this stack's account, call " + analysis::ActionSummary(s) +
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
  std::string fn = p.function_id.empty() ? "a function" : "function " + p.function_id;
  ctx.Report(p, p.principal.loc, "Principal",
             "permission " + p.id + " lets account " +
                 std::string(iam::SplitArn(foreign.front()).part[4]) +
                 ", outside this stack's account, invoke " + fn + " with no condition",
             "Name the role of the other account as principal, or add PrincipalOrgID.");
}

void Check(Context& ctx) {
  const iam::Resolver& resolver = ctx.facts.IamResolver();
  for (const auto& b : ctx.model.buckets) {
    for (const auto& d : b.policies) CheckDocument(ctx, resolver, b, "bucket", d, "BucketPolicy");
  }
  for (const auto& q : ctx.model.queues) {
    for (const auto& d : q.policies) CheckDocument(ctx, resolver, q, "queue", d, "Policy");
  }
  for (const auto& t : ctx.model.topics) {
    for (const auto& d : t.policies) CheckDocument(ctx, resolver, t, "topic", d, "Policy");
  }
  for (const auto& e : ctx.model.event_buses) {
    for (const auto& d : e.policies) CheckDocument(ctx, resolver, e, "event bus", d, "Policy");
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
