// FNW-IAM-013: a role trusts an AWS service whose documentation recommends
// aws:SourceArn or aws:SourceAccount in the trust policy (Step Functions,
// EventBridge Scheduler and Pipes, AppSync, SageMaker...), and
// the statement has no condition: the service may assume it on behalf of
// resources in any account (the cross-service confused deputy). Lambda's
// own trust needs no such condition and is not reported.
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/iam/effective.h"
#include "analysis/policy_query.h"
#include "analysis/store_query.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace fnwarden::rules {
namespace {

namespace iam = analysis::iam;

constexpr std::array<std::string_view, 10> kRecommended = {
    "states.amazonaws.com",     "scheduler.amazonaws.com", "pipes.amazonaws.com",
    "apigateway.amazonaws.com", "appsync.amazonaws.com",   "sagemaker.amazonaws.com",
    "datasync.amazonaws.com",   "transfer.amazonaws.com",  "firehose.amazonaws.com",
    "events.amazonaws.com",
};

bool Recommended(std::string_view service) {
  for (std::string_view s : kRecommended) {
    if (util::EqualsIgnoreCase(s, service)) return true;
  }
  return false;
}

void Check(Context& ctx) {
  const iam::Resolver& resolver = ctx.facts.IamResolver();
  for (const auto& role : ctx.model.roles) {
    if (!role.trust.known) continue;
    std::optional<model::PolicyDocument> storage;
    const model::PolicyDocument& trust = resolver.Resolve(role.trust, &storage);
    iam::CompiledPolicy compiled = iam::Compile(trust, iam::PolicyKind::kTrust);
    std::string arn = resolver.ArnOf(role.id);
    for (size_t i = 0; i < trust.statements.size(); ++i) {
      std::vector<std::string> services;
      for (const auto& p : trust.statements[i].principals) {
        if (p.kind != "Service" || !p.id.known() || !Recommended(p.id.value)) continue;
        iam::Result r =
            iam::ResourcePolicyAllows(compiled, iam::ResourcePolicyMode::kExplicitAllowRequired, "",
                                      p.id.value, "sts:AssumeRole", arn);
        if (r.decision != iam::Decision::kAllowed) continue;
        for (const iam::StatementRef& ref : r.statements) {
          if (ref.index == i) services.push_back(p.id.value);
        }
      }
      if (services.empty()) continue;
      const model::Statement& s = role.trust.statements[i];
      ctx.Report(role, s.loc,
                 analysis::StatementAttribute("AssumeRolePolicyDocument", role.trust, s),
                 "role " + role.id + " trusts " + analysis::JoinNames(services) +
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
