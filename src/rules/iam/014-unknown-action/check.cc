// FNW-IAM-014: a policy names an action that does not exist (a typo such as
// "s3:GetObjekt", an unknown service, a pattern that matches nothing). IAM
// accepts it silently: an Allow then grants nothing (and the usual reaction is
// to widen it to "*"), a Deny protects nothing.
#include <string>
#include <vector>

#include "analysis/iam/catalog.h"
#include "analysis/policy_query.h"
#include "analysis/store_query.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

namespace iam = analysis::iam;

// Whether `s` has a wildcard (two scans: find_first_of calls memchr per byte).
bool HasWildcard(std::string_view s) {
  return s.find('*') != std::string_view::npos || s.find('?') != std::string_view::npos;
}

// Why `action` matches no action of the catalog; "" when it is fine (or
// when fnwarden cannot tell).
std::string Problem(std::string_view action) {
  const iam::Catalog& catalog = iam::Catalog::Get();
  if (!catalog.loaded() || action == "*") return "";
  size_t colon = action.find(':');
  if (colon == std::string_view::npos) return "is not of the form service:action";
  std::string_view service = action.substr(0, colon);
  if (HasWildcard(service)) return "";
  // Most actions are spelled right: a catalog action's service exists.
  bool wildcard = HasWildcard(action);
  if (!wildcard && catalog.FindAction(action)) return "";
  if (!catalog.HasService(service)) {
    return "names an unknown service \"" + std::string(service) + "\"";
  }
  if (wildcard) {
    return catalog.ExpandIds(action).empty() ? "matches no action of " + std::string(service) : "";
  }
  std::string closest = catalog.ClosestAction(action);
  return "is not an action of " + std::string(service) +
         (closest.empty() ? "" : " (did you mean " + closest + "?)");
}

void CheckDocument(Context& ctx, const model::Resource& owner, std::string_view what,
                   const model::PolicyDocument& doc, std::string_view prefix) {
  if (!doc.known) return;
  for (const auto& s : doc.statements) {
    if (!s.known) continue;
    for (const auto& a : s.actions) {
      if (!a.known()) continue;
      std::string problem = Problem(a.value);
      if (problem.empty()) continue;
      bool deny = s.effect.Is(model::Effect::kDeny);
      if (deny) ctx.RaiseSeverity(model::Severity::kHigh);
      ctx.Report(owner, a.loc, analysis::StatementAttribute(prefix, doc, s) + ".action." + a.value,
                 std::string(what) + ": \"" + a.value + "\" " + problem +
                     (deny ? "; this Deny protects nothing" : "; this grants nothing"),
                 "Correct the action name; the service authorization reference lists every "
                 "action of " +
                     a.value.substr(0, a.value.find(':')) + ".");
    }
  }
}

void Check(Context& ctx) {
  for (const auto& role : ctx.model.roles) {
    std::string label = analysis::RoleLabel(role);
    for (const auto& p : role.policies) {
      // Managed policies and SAM templates come from AWS's own data.
      if (p.source != model::PolicySource::kInline &&
          p.source != model::PolicySource::kCustomerManaged) {
        continue;
      }
      CheckDocument(ctx, role, label, p, "policies." + p.name);
    }
    CheckDocument(ctx, role, label, role.trust, "trust");
  }
  auto written = [](const model::PolicyDocument& p) {
    return p.source == model::PolicySource::kInline ||
           p.source == model::PolicySource::kCustomerManaged;
  };
  for (const auto& user : ctx.model.users) {
    for (const auto& p : user.policies) {
      if (written(p)) CheckDocument(ctx, user, "IAM user " + user.id, p, "policies." + p.name);
    }
  }
  for (const auto& group : ctx.model.groups) {
    for (const auto& p : group.policies) {
      if (written(p)) CheckDocument(ctx, group, "IAM group " + group.id, p, "policies." + p.name);
    }
  }
  for (const auto& policy : ctx.model.standalone_policies) {
    CheckDocument(ctx, policy, "policy " + policy.id, policy.document, "PolicyDocument");
  }
  for (const auto& b : ctx.model.buckets) {
    for (const auto& p : b.policies) CheckDocument(ctx, b, "bucket " + b.id, p, "policy");
  }
  for (const auto& q : ctx.model.queues) {
    for (const auto& p : q.policies) CheckDocument(ctx, q, "queue " + q.id, p, "policy");
  }
  for (const auto& t : ctx.model.topics) {
    for (const auto& p : t.policies) CheckDocument(ctx, t, "topic " + t.id, p, "policy");
  }
  for (const auto& s : ctx.model.secrets) {
    for (const auto& p : s.policies) CheckDocument(ctx, s, "secret " + s.id, p, "resource_policy");
  }
  for (const auto& k : ctx.model.keys) {
    if (k.has_key_policy) CheckDocument(ctx, k, "key " + k.id, k.key_policy, "key_policy");
  }
}

}  // namespace

extern const RuleDef kRuleIam014;
const RuleDef kRuleIam014 = {
    .title = "Policy names an action that does not exist",
    .severity = model::Severity::kLow,
    .tier = model::Tier::kHardening,
    .practice = model::Practice::kLeastPrivilege,
    .check = &Check,
};

}  // namespace fnwarden::rules
