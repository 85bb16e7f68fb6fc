// FNW-CFG-016: a function loads a layer published by an AWS account outside
// this application that is not a well-known vendor's.
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/store_query.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace fnwarden::rules {
namespace {

struct LayerPublisher {
  std::string_view account;
  std::string_view name;
};

// Accounts that publish widely used public layers (their documentation gives
// these ARNs). A layer from one of them is a known dependency, not a
// stranger's code.
constexpr std::array<LayerPublisher, 13> kKnownPublishers = {{
    {"580247275435", "AWS (Lambda Insights)"},
    {"017000801446", "AWS (Powertools for Python)"},
    {"094274105915", "AWS (Powertools for TypeScript)"},
    {"901920570463", "AWS (Distro for OpenTelemetry)"},
    {"177933569100", "AWS (Parameters and Secrets extension)"},
    {"027255383542", "AWS (AppConfig extension)"},
    {"753240598075", "AWS (Lambda Web Adapter)"},
    {"464622532012", "Datadog"},
    {"451483290750", "New Relic"},
    {"114300393969", "Lumigo"},
    {"943013980633", "Sentry"},
    {"184161586896", "OpenTelemetry (community Lambda layers)"},
    {"725887861453", "Dynatrace"},
}};

bool IsKnownPublisher(std::string_view account) {
  for (const LayerPublisher& p : kKnownPublishers) {
    if (p.account == account) return true;
  }
  return false;
}

// The account of "arn:<partition>:lambda:<region>:<account>:layer:<name>[:<version>]"
// when it is 12 digits; "" otherwise.
std::string_view LayerAccount(std::string_view arn) {
  std::vector<std::string_view> parts = util::Split(arn, ':');
  if (parts.size() < 7 || parts[0] != "arn" || parts[2] != "lambda" || parts[5] != "layer") {
    return "";
  }
  std::string_view account = parts[4];
  if (account.size() != 12 || account.find_first_not_of("0123456789") != std::string_view::npos) {
    return "";
  }
  return account;
}

// True when the account part came from the template's own account
// (${AWS::AccountId}, possibly resolved through --param).
bool FromOwnAccount(const model::String& v, std::string_view account, const model::Model& m) {
  for (const auto& step : v.trail) {
    if (step.find("AWS::AccountId") != std::string::npos) return true;
  }
  auto it = m.parameters.find("AWS::AccountId");
  return it != m.parameters.end() && it->second == account;
}

void Check(Context& ctx) {
  for (const auto& fn : ctx.model.functions) {
    for (size_t i = 0; i < fn.layers.size(); ++i) {
      const model::String& layer = fn.layers[i];
      // Layers of this template are references (unknown ARNs): quiet.
      if (!layer.known() || !layer.refs.empty()) continue;
      std::string_view account = LayerAccount(layer.value);
      if (account.empty() || IsKnownPublisher(account) ||
          FromOwnAccount(layer, account, ctx.model)) {
        continue;
      }
      ctx.Report(fn, layer.loc, "Layers." + std::to_string(i),
                 "function " + fn.id + " loads layer " + layer.value + " from account " +
                     std::string(account) + ", outside this application: its code runs inside " +
                     fn.id + " with the function's role, and its owner can publish new versions",
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
