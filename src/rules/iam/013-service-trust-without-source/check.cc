// FNW-IAM-013: a role trusts an AWS service whose documentation recommends
// aws:SourceArn or aws:SourceAccount in the trust policy (Step Functions,
// EventBridge Scheduler and Pipes, AppSync, SageMaker...), and
// the statement has no condition: the service may assume it on behalf of
// resources in any account (the cross-service confused deputy). Lambda's
// own trust needs no such condition and is not reported.
#include <string>

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
      if (g.concern != iam::TrustConcern::kServiceWithoutSource) continue;
      const model::Statement& s = role.trust.statements[g.index];
      ctx.Report(role, s.loc,
                 analysis::StatementAttribute("trust", role.trust, s),
                 "role " + role.id + " trusts " + analysis::JoinNames(g.who) +
                     " without aws:SourceArn or aws:SourceAccount: the service can assume it for "
                     "resources of any AWS account, " +
                     iam::Where(s.loc),
                 "Add a condition naming the resource that uses " + role.id +
                     ", or at least aws:SourceAccount: !Ref AWS::AccountId.");
    }
  }
}

}  // namespace

extern const RuleDef kRuleIam013;
const RuleDef kRuleIam013 = {
    .title = "Role trusts a service without aws:SourceArn or aws:SourceAccount",
    .severity = model::Severity::kLow,
    .tier = model::Tier::kHardening,
    .practice = model::Practice::kLeastPrivilege,
    .check = &Check,
};

}  // namespace fnwarden::rules
