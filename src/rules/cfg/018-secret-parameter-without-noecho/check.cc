// FNW-CFG-018: a parameter whose name says it holds a secret (a password, a
// token, an API key...) is not NoEcho, so CloudFormation shows its value.
#include <string>

#include "analysis/secrets.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

void Check(Context& ctx) {
  for (const auto& in : ctx.model.inputs) {
    if (in.masked || !in.free_text || !analysis::IsSecretLikeName(in.name)) continue;
    const model::String& d = in.default_value;
    // A default that points at a secret store is a reference, not a secret.
    if (d.known() && analysis::IsSecretStoreReference(d.value)) continue;
    bool has_default = d.known() && !d.value.empty();
    ctx.Report("Parameters." + in.name, in.loc, in.loc, "NoEcho",
               "input " + in.name +
                   " looks like it holds a secret but is not masked: its value is shown to "
                   "anyone who can read the deployment's descriptions, events or logs" +
                   (has_default ? std::string(", and its default is written in the code")
                                : std::string()),
               "Set NoEcho: true on " + in.name +
                   (has_default ? std::string(" and remove its Default") : std::string()) +
                   "; better, keep the secret in Secrets Manager and pass its ARN, or read it "
                   "with a {{resolve:secretsmanager:...}} dynamic reference.");
  }
}

}  // namespace

extern const RuleDef kRuleCfg018;
const RuleDef kRuleCfg018 = {
    .title = "Secret-looking parameter without NoEcho",
    .severity = model::Severity::kMedium,
    .tier = model::Tier::kHardening,
    .practice = model::Practice::kSecureConfiguration,
    .check = &Check,
};

}  // namespace fnwarden::rules
