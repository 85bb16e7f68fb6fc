// FNW-CFG-003: a function URL anyone on the internet can call without
// credentials (AuthType NONE plus a resource policy that lets "*" invoke it).
#include <string>

#include "analysis/policy_query.h"
#include "analysis/store_query.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

// The permission that opens the URL to everyone: principal "*",
// lambda:InvokeFunctionUrl (or a wildcard covering it), and no
// FunctionUrlAuthType other than NONE. nullptr when there is none.
const model::Permission* PublicUrlPermission(const analysis::FunctionFacts& fn) {
  for (const model::Permission* p : fn.permissions) {
    if (!p->principal.Is("*") || !p->action.known()) continue;
    if (!analysis::ActionMatches(p->action.value, "lambda:InvokeFunctionUrl")) continue;
    if (!p->function_url_auth_type.absent() && !p->function_url_auth_type.Is("NONE")) continue;
    // A source condition would keep it private (and makes no sense for a URL).
    if (!p->source_arn.absent() || !p->source_account.absent() || !p->principal_org_id.absent()) {
      continue;
    }
    return p;
  }
  return nullptr;
}

void Check(Context& ctx) {
  for (const auto& fn : ctx.facts.functions()) {
    for (const auto& exposure : fn.exposures) {
      const model::FunctionUrl* url = exposure.url;
      if (url == nullptr || !url->auth_type.Is("NONE")) continue;
      const model::Permission* permission = PublicUrlPermission(fn);
      if (permission == nullptr) continue;
      std::string granted = permission->generated_from.empty()
                                ? "permission " + permission->id
                                : "the permission SAM generates for it";
      ctx.Report(*url, url->auth_type.loc, "FunctionUrlConfig.AuthType",
                 "function " + fn.function->id + " has a public function URL: AuthType NONE and " +
                     granted + " let anyone on the internet invoke it without credentials",
                 "Set AuthType: AWS_IAM on the URL of " + fn.function->id +
                     " and sign requests, or put it behind API Gateway with an authorizer.");
    }
  }
}

}  // namespace

extern const RuleDef kRuleCfg003;
const RuleDef kRuleCfg003 = {
    .title = "Function URL is public (AuthType NONE)",
    .severity = model::Severity::kCritical,
    .tier = model::Tier::kRisk,
    .practice = model::Practice::kSecureConfiguration,
    .check = &Check,
};

}  // namespace fnwarden::rules
