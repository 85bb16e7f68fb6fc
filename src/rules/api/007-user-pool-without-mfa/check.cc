// FNW-API-007: a Cognito user pool does not offer multi-factor authentication.
#include "analysis/store_query.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

void Check(Context& ctx) {
  for (const auto& pool : ctx.model.user_pools) {
    const model::String& mfa = pool.mfa_configuration;
    if (!mfa.absent() && !mfa.Is("OFF")) continue;
    ctx.Report(
        pool, analysis::WrittenAt(mfa), "MfaConfiguration",
        "user pool " + pool.id + " has MFA " +
            (mfa.absent() ? std::string("off (MfaConfiguration is not set)") : "set to OFF") +
            ": a guessed, phished or reused password is enough to sign in as a user",
        "Set MfaConfiguration: ON (or OPTIONAL) on " + pool.id + " with TOTP software tokens.");
  }
}

}  // namespace

extern const RuleDef kRuleApi007;
const RuleDef kRuleApi007 = {
    .title = "User pool without multi-factor authentication",
    .severity = model::Severity::kLow,
    .tier = model::Tier::kHardening,
    .practice = model::Practice::kApiAuthentication,
    .check = &Check,
};

}  // namespace fnwarden::rules
