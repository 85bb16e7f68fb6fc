// FNW-CFG-017: an output of the unit (a stack output, a Terraform root
// module's output that is not `sensitive`) publishes a secret: a resource's
// secret attribute (an access key's secret), the value of a masked input,
// or a literal credential.
#include <string>

#include "analysis/secrets.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

// What secret the output carries, for the message; "" when none.
std::string SecretIn(const model::Output& out) {
  if (!out.secret_of.empty()) return out.secret_kind;
  const model::String& v = out.value;
  if (v.has(model::kFromNoEchoParameter)) return "the value of a NoEcho parameter";
  if (!v.known() || v.has(model::kDynamicReference)) return "";
  auto match = analysis::ClassifySecret(out.name, v.value);
  if (!match) return "";
  return match->by_format ? match->kind : match->kind + " under a secret-looking name";
}

void Check(Context& ctx) {
  for (const auto& out : ctx.model.outputs) {
    std::string secret = SecretIn(out);
    if (secret.empty()) continue;
    util::Loc at = out.value.loc.known() ? out.value.loc : out.loc;
    ctx.Report("Outputs." + out.name, out.loc, at, "Value",
               "output " + out.name + " publishes " + secret +
                   " in plain text: anyone who can read the deployment's outputs (the console, "
                   "CI logs that print them, the stacks or modules that import them) can read it",
               "Remove " + out.name +
                   " from Outputs; store the secret in Secrets Manager and output the secret's "
                   "ARN instead, for those allowed to read it.");
  }
}

}  // namespace

extern const RuleDef kRuleCfg017;
const RuleDef kRuleCfg017 = {
    .title = "Secret in a stack output",
    .severity = model::Severity::kHigh,
    .tier = model::Tier::kRisk,
    .practice = model::Practice::kSecureConfiguration,
    .check = &Check,
};

}  // namespace fnwarden::rules
