// FNW-LOG-009: a WAF web ACL without a logging configuration.
#include "analysis/store_query.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

void Check(Context& ctx) {
  for (const auto& acl : ctx.model.web_acls) {
    if (acl.has_logging) continue;
    ctx.Report(
        acl, {}, "logging",
        "web ACL " + acl.id +
            " has no logging configuration: the requests it blocks or lets through, and "
            "which rule matched, are not recorded",
        "Add an AWS::WAFv2::LoggingConfiguration whose ResourceArn is " + acl.id + "'s ARN.");
  }
}

}  // namespace

extern const RuleDef kRuleLog009;
const RuleDef kRuleLog009 = {
    .title = "WAF web ACL without logging",
    .severity = model::Severity::kLow,
    .tier = model::Tier::kHardening,
    .practice = model::Practice::kMonitoring,
    .check = &Check,
};

}  // namespace fnwarden::rules
