// FNW-CODE-007: data a caller of the function controls reaches the URL a request goes to.
#include <string>

#include "rules/code_findings.h"

namespace fnwarden::rules {
namespace {

std::string Fix(const model::CodeFlow& /*flow*/) {
  return "Fetch only URLs whose scheme is https and whose host is on an allow-list: parse the URL "
         "and compare its host, and refuse file://, loopback and link-local addresses.";
}

void Check(Context& ctx) {
  ReportFlows(ctx,
              {.sink = model::TaintSink::kUrl,
               .impact = "the caller makes the function request any address it can reach: the "
                         "Lambda runtime API (127.0.0.1:9001, where the next invocation's event "
                         "waits), services inside the VPC, and with Python's urllib, file:// URLs "
                         "such as /proc/self/environ, which holds the role's credentials",
               .fix = &Fix,
               .http_only = false});
}

}  // namespace

extern const RuleDef kRuleCode007;
const RuleDef kRuleCode007 = {
    .title = "Event data chooses the URL the function fetches",
    .severity = model::Severity::kHigh,
    .tier = model::Tier::kRisk,
    .practice = model::Practice::kCodeSecurity,
    .check = &Check,
};

}  // namespace fnwarden::rules
