// FNW-CFG-016: a function loads a layer published by an AWS account outside
// this application that is neither AWS's nor a well-known vendor's.
#include <string>
#include <string_view>

#include "analysis/aws_layers.h"
#include "analysis/iam/effective.h"
#include "analysis/iam/match.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

namespace iam = analysis::iam;

// The account of "arn:<partition>:lambda:<region>:<account>:layer:<name>[:<version>]"
// when it is 12 digits; "" otherwise, and for an ARN built from the account
// the application is deployed to (kFromOwnAccount). Another ARN the loader
// could not read is taken as the deployment would write it (the region,
// references to the application's resources).
std::string LayerAccount(const model::String& layer, const iam::Resolver& resolver) {
  if (layer.has(model::kFromOwnAccount)) return "";
  model::String v = layer.known() ? layer : resolver.Resolve(layer);
  if (!v.known()) return "";
  iam::ArnParts parts = iam::SplitArn(v.value);
  if (!parts.valid || parts.part[2] != "lambda" || !parts.part[5].starts_with("layer:")) return "";
  std::string_view account = parts.part[4];
  if (account.size() != 12 || account.find_first_not_of("0123456789") != std::string_view::npos) {
    return "";
  }
  return std::string(account);
}


void Check(Context& ctx) {
  const iam::Resolver& resolver = ctx.facts.IamResolver();
  for (const auto& fn : ctx.model.functions) {
    for (size_t i = 0; i < fn.layers.size(); ++i) {
      const model::String& layer = fn.layers[i];
      // A layer of this template is a reference to it: quiet.
      if (!layer.refs.empty()) continue;
      std::string account = LayerAccount(layer, resolver);
      if (account.empty() || resolver.IsOwnAccount(account) ||
          !analysis::KnownLayerPublisher(account).empty()) {
        continue;
      }
      ctx.Report(fn, layer.loc, "layers." + std::to_string(i),
                 "function " + model::ShownName(fn) + " loads layer " + layer.value + " from account " + account +
                     ", outside this application: its code runs inside " + fn.id +
                     " with the function's role, and its owner can publish new versions",
                 "Build the layer from source in this application (AWS::Serverless::LayerVersion), "
                 "or confirm the publisher and pin the exact version you reviewed.");
    }
  }
}

}  // namespace

extern const RuleDef kRuleCfg016;
const RuleDef kRuleCfg016 = {
    .title = "Function uses a layer from an unknown account",
    .severity = model::Severity::kMedium,
    .tier = model::Tier::kRisk,
    .practice = model::Practice::kSecureConfiguration,
    .check = &Check,
};

}  // namespace fnwarden::rules
