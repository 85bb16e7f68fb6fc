// FNW-IAM-011: a role's trust policy lets anyone assume it: Principal "*" (or
// NotPrincipal) without a condition that narrows who, or a web-identity
// provider (GitHub Actions, Cognito, Google) without a condition on the token.
#include <string>
#include <vector>

#include "analysis/iam/effective.h"
#include "analysis/iam/trust.h"
#include "analysis/policy_query.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

namespace iam = analysis::iam;

void Check(Context& ctx) {
  for (const auto& role : ctx.model.roles) {
    for (const iam::TrustGrant& g : ctx.facts.Trust(role).grants) {
      const model::Statement& s = role.trust.statements[g.index];
      std::string attribute =
          analysis::StatementAttribute("trust", role.trust, s);
      if (g.concern == iam::TrustConcern::kAnyone) {
        ctx.Report(role, s.loc, attribute,
                   analysis::RoleLabel(role) +
                       " can be assumed by any AWS principal of any account: its trust policy "
                       "allows sts:AssumeRole to everyone with no condition, " +
                       iam::Where(s.loc),
                   "Name the principals that assume " + role.id +
                       " (a service, a role ARN) instead of \"*\", or add a condition such as "
                       "aws:PrincipalOrgID.");
      } else if (g.concern == iam::TrustConcern::kAnyToken) {
        ctx.Report(role, s.loc, attribute,
                   analysis::RoleLabel(role) + " can be assumed with any token " +
                       analysis::JoinNames(g.who) +
                       " issues, for any user or repository: the statement has no condition on "
                       "the token's audience or subject, " +
                       iam::Where(s.loc),
                   "Add a condition on the token, for example StringLike "
                   "token.actions.githubusercontent.com:sub: repo:my-org/my-repo:*.");
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
