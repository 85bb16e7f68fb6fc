// FNW-IAM-012: a role's trust policy lets another AWS account assume it with
// no condition (no sts:ExternalId, no aws:PrincipalOrgID, no MFA): the
// confused-deputy setup AWS warns about for third-party access.
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
      if (g.concern != iam::TrustConcern::kOtherAccount) continue;
      const model::Statement& s = role.trust.statements[g.index];
      ctx.Report(
          role, s.loc, analysis::StatementAttribute("trust", role.trust, s),
          "role " + role.id + " can be assumed from " + analysis::JoinNames(g.who) +
              ", outside the account it is deployed to, with no condition: nothing stops that "
              "account from using it on behalf of someone else, " +
              iam::Where(s.loc),
          "Add a condition to the statement: sts:ExternalId for a third party, "
          "aws:PrincipalOrgID for accounts of your organization.");
    }
  }
}

}  // namespace

extern const RuleDef kRuleIam012;
const RuleDef kRuleIam012 = {
    .title = "Role can be assumed from another account without a condition",
    .severity = model::Severity::kHigh,
    .tier = model::Tier::kRisk,
    .practice = model::Practice::kLeastPrivilege,
    .check = &Check,
};

}  // namespace fnwarden::rules
