// FNW-IAM-012: a role's trust policy lets another AWS account assume it with
// no condition (no sts:ExternalId, no aws:PrincipalOrgID, no MFA): the
// confused-deputy setup AWS warns about for third-party access.
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

void Check(Context& ctx) {
  const iam::Resolver& resolver = ctx.facts.IamResolver();
  for (const auto& role : ctx.model.roles) {
    if (!role.trust.known) continue;
    std::optional<model::PolicyDocument> storage;
    const model::PolicyDocument& trust = resolver.Resolve(role.trust, &storage);
    iam::CompiledPolicy compiled = iam::Compile(trust, iam::PolicyKind::kTrust);
    std::string arn = resolver.ArnOf(role.id);
    for (size_t i = 0; i < trust.statements.size(); ++i) {
      std::vector<std::string> who;
      for (const std::string& principal : iam::ForeignPrincipals(trust.statements[i], resolver)) {
        iam::Result r =
            iam::ResourcePolicyAllows(compiled, iam::ResourcePolicyMode::kExplicitAllowRequired,
                                      principal, "", "sts:AssumeRole", arn);
        if (r.decision != iam::Decision::kAllowed) continue;
        for (const iam::StatementRef& ref : r.statements) {
          if (ref.index == i) {
            std::string account(iam::SplitArn(principal).part[4]);
            who.push_back(principal.ends_with(":role/fnwarden-any") ? "account " + account
                                                                    : principal);
            break;
          }
        }
      }
      if (who.empty()) continue;
      const model::Statement& s = role.trust.statements[i];
      ctx.Report(role, s.loc,
                 analysis::StatementAttribute("AssumeRolePolicyDocument", role.trust, s),
                 "role " + role.id + " can be assumed from " + analysis::JoinNames(who) +
                     ", outside this stack's account, with no condition: nothing stops that "
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
