// FNW-API-007: a Cognito user pool does not offer multi-factor authentication.
#include "analysis/store_query.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

void Check(Context& ctx) {
  for (const auto& pool : ctx.model.user_pools) {
    const model::String& mfa = pool.mfa_configuration;
    // Absent is Cognito's default, OFF; an undecided condition counts only
    // when every branch is OFF.
    if (!mfa.absent() && !mfa.Always([](const std::string& m) { return m == "OFF"; })) continue;
    ctx.Report(pool, analysis::WrittenAt(mfa), "mfa",
               "user pool " + pool.id + " offers no multi-factor authentication (" +
                   (mfa.absent() ? std::string("MfaConfiguration is not set; Cognito's default is "
                                               "OFF")
                                 : std::string("MfaConfiguration is OFF")) +
                   "): a guessed, phished or reused password is enough to sign in as any of its "
                   "users",
               "Set MfaConfiguration: ON (or OPTIONAL, to let users choose) on " + pool.id +
                   ", with EnabledMfas: [SOFTWARE_TOKEN_MFA].");
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
