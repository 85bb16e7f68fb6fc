// FNW-CFG-004: a Lambda permission lets an AWS service invoke the function on
// behalf of any account (no SourceArn or SourceAccount): the confused deputy.
#include <string>

#include "analysis/policy_query.h"
#include "analysis/store_query.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace fnwarden::rules {
namespace {

// Alexa skills are scoped with EventSourceToken (the skill ID), which the
// model does not carry: stay quiet on them.
bool ScopedByEventSourceToken(std::string_view principal) {
  std::string p = util::ToLower(principal);
  return p.starts_with("alexa-");
}

void Check(Context& ctx) {
  for (const auto& p : ctx.model.permissions) {
    if (!p.principal.known()) continue;
    if (!analysis::IsServicePrincipal(p.principal.value) ||
        ScopedByEventSourceToken(p.principal.value)) {
      continue;
    }
    // Unknown source values are set: only a missing condition is reported.
    if (!p.source_arn.absent() || !p.source_account.absent()) continue;
    std::string fn = p.function_id.empty() ? "a function" : "function " + model::ShownFunctionName(ctx.model, p.function_id);
    std::string name =
        p.origin == model::Origin::kWritten
            ? "permission " + p.id
            : "the permission " + std::string(model::OriginName(p.origin)) + " generates" +
                  (p.generated_from.empty() ? " (" + p.id + ")" : " for " + p.generated_from);
    ctx.Report(p, p.principal.loc, "principal",
               name + " lets " + p.principal.value + " invoke " + fn +
                   " without SourceArn or SourceAccount: resources of that service in any AWS "
                   "account can be configured to invoke it",
               "Add SourceArn (the ARN of the bucket, topic, rule or API that should invoke " +
                   (p.function_id.empty() ? std::string("it") : p.function_id) +
                   ") or at least SourceAccount: !Ref AWS::AccountId.");
  }
}

}  // namespace

extern const RuleDef kRuleCfg004;
const RuleDef kRuleCfg004 = {
    .title = "Service may invoke the function without SourceArn or SourceAccount",
    .severity = model::Severity::kHigh,
    .tier = model::Tier::kRisk,
    .practice = model::Practice::kSecureConfiguration,
    .check = &Check,
};

}  // namespace fnwarden::rules
