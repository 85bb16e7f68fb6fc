// FNW-IAM-011: a role's trust policy lets anyone assume it: Principal "*" (or
// NotPrincipal) without a condition that narrows who, or a web-identity
// provider (GitHub Actions, Cognito, Google) without a condition on the token.
#include <optional>
#include <string>
#include <vector>

#include "analysis/iam/effective.h"
#include "analysis/policy_query.h"
#include "analysis/store_query.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

namespace iam = analysis::iam;

// "role R (of function F)" for messages.
std::string RoleLabel(const Context& ctx, const model::Role& role) {
  std::vector<std::string> fns;
  for (const auto& f : ctx.facts.functions()) {
    if (f.role == &role) fns.push_back(f.function->id);
  }
  std::string out = "role " + role.id;
  if (!fns.empty()) out += " (of function " + analysis::JoinNames(fns) + ")";
  return out;
}

void Check(Context& ctx) {
  const iam::Resolver& resolver = ctx.facts.IamResolver();
  const std::string anyone = "arn:aws:iam::" + std::string(iam::kForeignAccount) + ":role/anyone";
  for (const auto& role : ctx.model.roles) {
    if (!role.trust.known) continue;
    std::optional<model::PolicyDocument> storage;
    const model::PolicyDocument& trust = resolver.Resolve(role.trust, &storage);
    iam::CompiledPolicy compiled = iam::Compile(trust, iam::PolicyKind::kTrust);
    iam::Result r =
        iam::ResourcePolicyAllows(compiled, iam::ResourcePolicyMode::kExplicitAllowRequired, anyone,
                                  "", "sts:AssumeRole", resolver.ArnOf(role.id));
    if (r.decision == iam::Decision::kAllowed) {
      for (const iam::StatementRef& ref : r.statements) {
        const model::Statement& s = role.trust.statements[ref.index];
        ctx.Report(role, s.loc,
                   analysis::StatementAttribute("AssumeRolePolicyDocument", role.trust, s),
                   RoleLabel(ctx, role) +
                       " can be assumed by any AWS principal of any account: its trust policy "
                       "allows sts:AssumeRole to everyone with no condition, " +
                       iam::Where(s.loc),
                   "Name the principals that assume " + role.id +
                       " (a service, a role ARN) instead of \"*\", or add a condition such as "
                       "aws:PrincipalOrgID.");
      }
    }
    // Web identity federation: any token of the provider works unless a
    // condition checks its audience or subject.
    for (size_t i = 0; i < trust.statements.size(); ++i) {
      const model::Statement& resolved = trust.statements[i];
      const model::Statement& s = role.trust.statements[i];
      if (!s.conditions.empty() || !s.known || s.not_principal) continue;
      if (!analysis::AllowsAction(s, "sts:AssumeRoleWithWebIdentity")) continue;
      for (const auto& p : resolved.principals) {
        if (p.kind != "Federated" || !p.id.known()) continue;
        ctx.Report(role, s.loc,
                   analysis::StatementAttribute("AssumeRolePolicyDocument", role.trust, s),
                   RoleLabel(ctx, role) + " can be assumed with any token " + p.id.value +
                       " issues, for any user or repository: the statement has no condition on "
                       "the token's audience or subject, " +
                       iam::Where(s.loc),
                   "Add a condition on the token, for example StringLike "
                   "token.actions.githubusercontent.com:sub: repo:my-org/my-repo:*.");
        break;
      }
    }
  }
}

}  // namespace

extern const RuleDef kRuleIam011;
const RuleDef kRuleIam011 = {
    .title = "Role trust policy lets anyone assume the role",
    .severity = model::Severity::kCritical,
    .tier = model::Tier::kRisk,
    .practice = model::Practice::kLeastPrivilege,
    .check = &Check,
};

}  // namespace fnwarden::rules
