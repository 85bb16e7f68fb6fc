// FNW-API-006: a Cognito identity pool hands out AWS credentials to
// unauthenticated (guest) identities.
#include "analysis/store_query.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

void Check(Context& ctx) {
  for (const auto& pool : ctx.model.identity_pools) {
    if (!pool.allow_unauthenticated.Is(true)) continue;
    ctx.Report(pool, pool.allow_unauthenticated.loc, "unauthenticated_identities",
               "identity pool " + pool.id +
                   " gives AWS credentials to unauthenticated identities: anyone can obtain the "
                   "pool's guest role and call every API and function that role allows",
               "Set AllowUnauthenticatedIdentities: false on " + pool.id +
                   ", or give its unauthenticated role only the few read actions guests need.");
  }
}

}  // namespace

extern const RuleDef kRuleApi006;
const RuleDef kRuleApi006 = {
    .title = "Identity pool allows unauthenticated identities",
    .severity = model::Severity::kHigh,
    .tier = model::Tier::kRisk,
    .practice = model::Practice::kApiAuthentication,
    .check = &Check,
};

}  // namespace fnwarden::rules
