// FNW-ENC-007: an API custom domain that still accepts TLS 1.0 and 1.1.
#include <set>
#include <string>

#include "analysis/store_query.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

void Check(Context& ctx) {
  std::set<std::string> reported;  // a domain mapped to several APIs is reported once
  for (const auto& api : ctx.model.apis) {
    for (const auto& d : api.domains) {
      // Only an explicit TLS_1_0 fires: API Gateway's default for a domain
      // without SecurityPolicy has changed over time, so fnwarden cannot know it.
      if (!d.security_policy.Always([](const std::string& p) { return p == "TLS_1_0"; })) {
        continue;
      }
      if (!reported.insert(d.id).second) continue;
      std::string name = d.domain_name.known() ? d.domain_name.value : d.id;
      ctx.Report(d.id, d.loc, analysis::WrittenAt(d.security_policy), "tls_policy",
                 "custom domain " + name + " of " + analysis::ApiLabel(api) +
                     " accepts TLS 1.0 and 1.1 (security policy TLS_1_0)",
                 "Set SecurityPolicy: TLS_1_2 on " + d.id + ".");
    }
  }
}

}  // namespace

extern const RuleDef kRuleEnc007;
const RuleDef kRuleEnc007 = {
    .title = "API custom domain accepts TLS 1.0",
    .severity = model::Severity::kHigh,
    .tier = model::Tier::kRisk,
    .practice = model::Practice::kDataEncryption,
    .check = &Check,
};

}  // namespace fnwarden::rules
