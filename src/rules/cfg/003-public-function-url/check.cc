// FNW-CFG-003: a function URL anyone on the internet can call without
// credentials (AuthType NONE plus a resource policy that lets "*" invoke it).
#include <string>

#include "analysis/reachability.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

void Check(Context& ctx) {
  if (ctx.model.function_urls.empty()) return;
  // The function's permissions decide, as the engine reads them: an
  // anonymous caller needs lambda:InvokeFunctionUrl from a permission whose
  // conditions (source, organization, URL auth type) let it in.
  analysis::Reachability reach(ctx.facts);
  for (const auto& fn : ctx.facts.functions()) {
    for (const auto& exposure : fn.exposures) {
      const model::FunctionUrl* url = exposure.url;
      if (url == nullptr || !url->auth_type.Is("NONE")) continue;
      analysis::Invokers invokers = reach.PublicUrlInvoke(*url);
      if (invokers.reach != analysis::Reach::kInternet || invokers.through.empty()) continue;
      const model::Permission* permission = invokers.through.front();
      std::string granted = permission->origin == model::Origin::kWritten
                                ? "permission " + permission->id
                                : "the permission " + std::string(model::OriginName(permission->origin)) +
                                      " generates for it (" + permission->id + ")";
      ctx.Report(*url, url->auth_type.loc, "url.auth_type",
                 "function " + model::ShownName(*fn.function) + " has a public function URL: AuthType NONE and " +
                     granted + " let anyone on the internet invoke it without credentials",
                 ctx.Fix("Set AuthType: AWS_IAM on the URL of " + fn.function->id +
                             " and sign requests, or put it behind API Gateway with an authorizer.",
                         "Set url: {authorizer: aws_iam} on function " +
                             model::ShownName(*fn.function) +
                             " and sign requests, or serve it through an http event with an "
                             "authorizer."));
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
