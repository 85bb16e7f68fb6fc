// FNW-CFG-013: an SQS queue, SNS topic or EventBridge bus policy lets anyone
// ("*") use it without a restricting condition.
#include <string>
#include <vector>

#include "analysis/iam/public_access.h"
#include "analysis/policy_query.h"
#include "analysis/store_query.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

// Reports each statement of `policies` that lets anyone in. `label` says
// whose policy it is ("the policy of queue Jobs", "queue policy P, on queue
// https://...,").
void CheckPolicies(Context& ctx, const model::Resource& r, const std::string& label,
                   const std::vector<model::PolicyDocument>& policies,
                   std::string_view consequence) {
  const analysis::iam::Resolver& resolver = ctx.facts.IamResolver();
  for (const auto& doc : policies) {
    for (const model::Statement* statement :
         analysis::iam::PublicStatements(doc, resolver, resolver.ArnOf(r.id))) {
      const model::Statement& s = *statement;
      ctx.Report(
          r, s.loc, analysis::StatementAttribute("policy", doc, s),
          label + " allows " + analysis::ActionSummary(s) +
              " to anyone (principal \"*\"), with no condition restricting who can use it: " +
              std::string(consequence),
          "In " + doc.name +
              ", name the accounts or services that need access as principals, or add a "
              "condition such as aws:SourceArn, aws:SourceAccount or aws:PrincipalOrgID.");
    }
  }
}

constexpr std::string_view kQueueRisk =
    "any AWS account can send messages the functions behind it will trust, or read and delete "
    "them";
constexpr std::string_view kTopicRisk =
    "any AWS account can publish to its subscribers or subscribe to its messages";

void Check(Context& ctx) {
  for (const auto& q : ctx.model.queues) {
    CheckPolicies(ctx, q, "the policy of queue " + q.id, q.policies, kQueueRisk);
  }
  for (const auto& t : ctx.model.topics) {
    CheckPolicies(ctx, t, "the policy of topic " + t.id, t.policies, kTopicRisk);
  }
  for (const auto& b : ctx.model.event_buses) {
    CheckPolicies(ctx, b, "the policy of event bus " + b.id, b.policies,
                  "any AWS account can put events that its rules route to your functions");
  }
  // Policies on queues and topics created elsewhere are still this
  // application's.
  for (const auto& p : ctx.model.store_policies) {
    if (p.store_kind == model::StoreKind::kBucket) continue;
    bool queue = p.store_kind == model::StoreKind::kQueue;
    CheckPolicies(ctx, p,
                  std::string(queue ? "queue" : "topic") + " policy " + p.id + ", on " +
                      analysis::StorePolicyTarget(p) + ",",
                  {p.policy}, queue ? kQueueRisk : kTopicRisk);
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
