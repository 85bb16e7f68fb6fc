// FNW-CFG-009: a function accepts any code package: no code signing config.
#include "analysis/policy_query.h"
#include "analysis/store_query.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

std::string CloudFormationFix(const model::Function& fn) {
  return "Create an AWS::Lambda::CodeSigningConfig with your Signer profile and set "
         "CodeSigningConfigArn on " +
         fn.id + ".";
}

void Check(Context& ctx) {
  for (const auto& fn : ctx.model.functions) {
    if (!fn.code_signing_config.absent()) continue;
    // Inline code is in the template itself, and container images are not
    // covered by Lambda code signing.
    if (fn.inline_code || analysis::IsOneOf(fn.package_type, {"Image"})) continue;
    if (!fn.package_type.absent() && !analysis::IsOneOf(fn.package_type, {"Zip"})) continue;
    ctx.Report(fn, {}, "code_signing",
               "function " + model::ShownName(fn) +
                   " has no code signing configuration: Lambda accepts any code package for it, "
                   "so whoever can call lambda:UpdateFunctionCode (a leaked CI credential, another "
                   "function's role) can replace its code",
               // The framework has no setting: its resource is extended.
               ctx.Fix(fn, CloudFormationFix(fn),
                       "Declare an AWS::Lambda::CodeSigningConfig with your Signer profile under "
                       "resources, set CodeSigningConfigArn on " +
                           fn.id +
                           " through resources.extensions, and deploy a package signed in the "
                           "pipeline (package.artifact)."));
  }
}

}  // namespace

extern const RuleDef kRuleCfg009;
const RuleDef kRuleCfg009 = {
    .title = "Function without code signing",
    .severity = model::Severity::kLow,
    .tier = model::Tier::kHardening,
    .practice = model::Practice::kSecureConfiguration,
    .check = &Check,
};

}  // namespace fnwarden::rules
