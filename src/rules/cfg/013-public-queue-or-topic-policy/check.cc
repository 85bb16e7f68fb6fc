// FNW-CFG-013: an SQS queue, SNS topic or EventBridge bus policy lets anyone
// ("*") use it without a restricting condition.
#include <string>
#include <vector>

#include "analysis/policy_query.h"
#include "analysis/store_query.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

void CheckPolicies(Context& ctx, const model::Resource& r, std::string_view kind,
                   const std::vector<model::PolicyDocument>& policies,
                   std::string_view consequence) {
  for (const auto& doc : policies) {
    for (const auto& s : doc.statements) {
      if (!analysis::IsPublicAllow(s)) continue;
      ctx.Report(
          r, s.loc, analysis::StatementAttribute("Policy", doc, s),
          "the policy of " + std::string(kind) + " " + r.id + " allows " +
              analysis::ActionSummary(s) +
              " to anyone (principal \"*\"), with no condition restricting who can use it: " +
              std::string(consequence),
          "Name the accounts or services that use " + r.id +
              " as principals, or add a condition such as aws:SourceArn, aws:SourceAccount "
              "or aws:PrincipalOrgID.");
    }
  }
}

void Check(Context& ctx) {
  for (const auto& q : ctx.model.queues) {
    CheckPolicies(ctx, q, "queue", q.policies,
                  "any AWS account can send messages the functions behind it will trust, or read "
                  "and delete them");
  }
  for (const auto& t : ctx.model.topics) {
    CheckPolicies(ctx, t, "topic", t.policies,
                  "any AWS account can publish to its subscribers or subscribe to its messages");
  }
  for (const auto& b : ctx.model.event_buses) {
    CheckPolicies(ctx, b, "event bus", b.policies,
                  "any AWS account can put events that its rules route to your functions");
  }
}

}  // namespace

extern const RuleDef kRuleCfg013;
const RuleDef kRuleCfg013 = {
    .title = "Queue, topic or event bus policy open to everyone",
    .severity = model::Severity::kCritical,
    .tier = model::Tier::kRisk,
    .practice = model::Practice::kSecureConfiguration,
    .check = &Check,
};

}  // namespace fnwarden::rules
