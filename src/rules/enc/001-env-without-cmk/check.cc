// FNW-ENC-001: a function with environment variables encrypted only with the
// AWS managed key.
#include <string>

#include "analysis/store_query.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

constexpr char kToKey[] =
    " to a customer managed key whose policy allows only the people and roles that need the "
    "values.";

void Check(Context& ctx) {
  for (const auto& f : ctx.model.functions) {
    if (f.environment.empty() || !f.kms_key_arn.absent()) continue;
    std::string count = std::to_string(f.environment.size());
    ctx.Report(f, {}, "kms_key",
               "function " + model::ShownName(f) + " has " + count + " environment variable" +
                   (f.environment.size() == 1 ? "" : "s") +
                   " protected only by the AWS managed key aws/lambda: anyone allowed "
                   "lambda:GetFunctionConfiguration can read the values",
               ctx.Fix("Set KmsKeyArn on " + f.id + kToKey,
                       "Set kmsKeyArn on function " + model::ShownName(f) + " (or provider.kmsKeyArn)" +
                           kToKey));
  }
}

}  // namespace

extern const RuleDef kRuleEnc001;
const RuleDef kRuleEnc001 = {
    .title = "Function environment variables without a customer managed key",
    .severity = model::Severity::kLow,
    .tier = model::Tier::kHardening,
    .practice = model::Practice::kDataEncryption,
    .check = &Check,
};

}  // namespace fnwarden::rules
